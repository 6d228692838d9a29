package dev.strata.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.internal.config.BuiltInClasses;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in optimizer (found by discovery, so a new one is checked by existing) re-declares each fluent setter of
 * {@link Optimizer} (its public instance methods returning {@code Optimizer}) with its own return type, so that
 * {@code new Nadam().useEma(true).clipnorm(1f)} is still a {@code Nadam}.
 */
class FluentSettersTest {
    @Test
    void everyBuiltInOptimizerReturnsItsOwnTypeFromEveryFluentSetter() {
        List<Method> setters = Arrays.stream(Optimizer.class.getMethods())
                .filter(m -> m.getReturnType() == Optimizer.class && !Modifier.isStatic(m.getModifiers()))
                .toList();
        assertThat(setters).extracting(Method::getName)
                .contains("learningRate", "useEma", "emaMomentum", "emaOverwriteFrequency",
                        "gradientAccumulationSteps", "lossScaleFactor", "name", "clipnorm", "globalClipnorm",
                        "clipvalue", "weightDecay", "excludeFromWeightDecay");
        List<String> names = BuiltInClasses.names(Optimizer.class);
        assertThat(names).contains("SGD", "Nadam", "Muon", "LossScaleOptimizer");
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Class<?> type = BuiltInClasses.find(Optimizer.class, name).type();
            for (Method setter : setters) {
                try {
                    Method own = type.getDeclaredMethod(setter.getName(), setter.getParameterTypes());
                    if (own.getReturnType() != type) {
                        missing.add(name + "." + setter.getName() + " returns " + own.getReturnType().getSimpleName());
                    }
                } catch (NoSuchMethodException e) {
                    missing.add(name + "." + setter.getName() + Arrays.toString(setter.getParameterTypes()));
                }
            }
        }
        assertThat(missing).as("fluent setters not re-declared with the optimizer's own return type").isEmpty();
    }

    @Test
    void chainsKeepTheConcreteType() {
        Nadam nadam = new Nadam().useEma(true).emaMomentum(0.9f).clipnorm(1f).gradientAccumulationSteps(2);
        assertThat(nadam.getConfig()).containsEntry("use_ema", true).containsEntry("gradient_accumulation_steps", 2);
        Muon muon = new Muon().lossScaleFactor(2f).name("m");
        assertThat(muon.getConfig()).containsEntry("name", "m");
    }
}
