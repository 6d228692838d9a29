/**
 * Internal plumbing shared by Strata's packages: raw tensor storage access, the global random state,
 * call-site lookup. Not exported by the module; may change at any time. Do not use.
 */
package dev.strata.internal;
