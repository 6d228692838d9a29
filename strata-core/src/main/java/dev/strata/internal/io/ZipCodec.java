package dev.strata.internal.io;

import dev.strata.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads and writes the zip container of {@code .keras} files.
 *
 * <p>Writing reproduces what Python's {@code zipfile} writes for Keras: STORED members (no compression), no
 * extra fields, "version made by" Unix/2.0, version needed 2.0, flags 0, external attributes
 * {@code 0600 << 16}, no archive comment.
 *
 * <p>Reading parses the central directory and checks everything against the bytes actually present before
 * using it, because the file may be hostile: members must lie inside the file and must not overlap (the
 * overlapping-entry zip bomb), names must be unique, STORED sizes must agree, DEFLATED members may not declare
 * more than {@value #MAX_MEMBER_BYTES} bytes or more than {@value #MAX_RATIO} times their compressed size, and
 * inflating may not produce more than declared; CRCs are verified. Encrypted, ZIP64 and other methods are
 * refused.
 */
final class ZipCodec {
    static final long MAX_MEMBER_BYTES = 1L << 30;
    static final int MAX_RATIO = 100;
    static final int MAX_MEMBERS = 10_000;

    private static final int LOCAL_SIG = 0x04034b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;

    /** A zip member: its name, its uncompressed bytes and its modification time. */
    record Member(String name, byte[] data, LocalDateTime time) {
    }

    private ZipCodec() {
    }

    // ---- writing ------------------------------------------------------------------------------------------

    static byte[] write(List<Member> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        for (Member m : members) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("duplicate zip member " + m.name());
            }
            if (m.data().length > 0xFFFFFFFEL) {
                throw new IllegalArgumentException("zip member " + m.name() + " over 4 GiB");
            }
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            boolean ascii = name.length == m.name().length();
            int flags = ascii ? 0 : 0x800; // Python sets the UTF-8 flag only for non-ASCII names
            CRC32 crc = new CRC32();
            crc.update(m.data());
            int offset = out.size();
            int dosTime = dosTime(m.time());
            int dosDate = dosDate(m.time());
            // Local file header.
            u32(out, LOCAL_SIG);
            u16(out, 20);
            u16(out, flags);
            u16(out, 0);
            u16(out, dosTime);
            u16(out, dosDate);
            u32(out, (int) crc.getValue());
            u32(out, m.data().length);
            u32(out, m.data().length);
            u16(out, name.length);
            u16(out, 0);
            out.writeBytes(name);
            out.writeBytes(m.data());
            // Central directory entry.
            u32(central, CENTRAL_SIG);
            u16(central, (3 << 8) | 20);
            u16(central, 20);
            u16(central, flags);
            u16(central, 0);
            u16(central, dosTime);
            u16(central, dosDate);
            u32(central, (int) crc.getValue());
            u32(central, m.data().length);
            u32(central, m.data().length);
            u16(central, name.length);
            u16(central, 0);
            u16(central, 0);
            u16(central, 0);
            u16(central, 0);
            u32(central, 0600 << 16);
            u32(central, offset);
            central.writeBytes(name);
        }
        int cdOffset = out.size();
        out.writeBytes(central.toByteArray());
        u32(out, END_SIG);
        u16(out, 0);
        u16(out, 0);
        u16(out, members.size());
        u16(out, members.size());
        u32(out, central.size());
        u32(out, cdOffset);
        u16(out, 0);
        return out.toByteArray();
    }

    static int dosTime(LocalDateTime t) {
        return (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
    }

    static int dosDate(LocalDateTime t) {
        int year = Math.max(1980, Math.min(2107, t.getYear()));
        return ((year - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
    }

    private static void u16(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
    }

    private static void u32(ByteArrayOutputStream o, int v) {
        u16(o, v);
        u16(o, v >>> 16);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /** A member as found in the central directory, before its data is read. */
    record Entry(String name, int method, int flags, long crc, long compressedSize, long size, long localOffset,
            long dataStart, int dosTime, int dosDate) {
    }

    /**
     * The members of {@code zip}, in central-directory order, with their data.
     *
     * @throws ModelFormatException naming the member and the problem
     */
    static List<Member> read(byte[] zip, String source) {
        List<Entry> entries = entries(zip, source);
        List<Member> out = new ArrayList<>(entries.size());
        long total = 0;
        for (Entry e : entries) {
            byte[] data = data(zip, e, source);
            total += data.length;
            if (total > Math.max(MAX_MEMBER_BYTES, (long) zip.length)) {
                throw new ModelFormatException(source, e.name(), "the members together decompress to more than 1 GiB");
            }
            out.add(new Member(e.name(), data, fromDos(e.dosDate(), e.dosTime())));
        }
        return out;
    }

    static List<Entry> entries(byte[] zip, String source) {
        int end = findEnd(zip, source);
        int disk = u16(zip, end + 4);
        int cdDisk = u16(zip, end + 6);
        int countHere = u16(zip, end + 8);
        int count = u16(zip, end + 10);
        long cdSize = u32(zip, end + 12);
        long cdOffset = u32(zip, end + 16);
        if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            throw new ModelFormatException(source, null, "ZIP64 archives are not supported");
        }
        if (disk != 0 || cdDisk != 0 || countHere != count) {
            throw new ModelFormatException(source, null, "multi-part (spanned) zip archives are not supported");
        }
        if (count > MAX_MEMBERS) {
            throw new ModelFormatException(source, null, "the archive lists " + count + " members (at most "
                    + MAX_MEMBERS + " accepted)");
        }
        if (cdOffset + cdSize > end) {
            throw new ModelFormatException(source, null, "the zip central directory (offset " + cdOffset + ", "
                    + cdSize + " bytes) does not fit before its end record at " + end + "; truncated or corrupt");
        }
        List<Entry> entries = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        int p = (int) cdOffset;
        int cdEnd = (int) (cdOffset + cdSize);
        for (int i = 0; i < count; i++) {
            if (p + 46 > cdEnd || (int) u32(zip, p) != CENTRAL_SIG) {
                throw new ModelFormatException(source, null, "zip central directory entry " + i + " of " + count
                        + " is damaged (at offset " + p + ")");
            }
            int flags = u16(zip, p + 8);
            int method = u16(zip, p + 10);
            int time = u16(zip, p + 12);
            int date = u16(zip, p + 14);
            long crc = u32(zip, p + 16);
            long csize = u32(zip, p + 20);
            long size = u32(zip, p + 24);
            int nameLen = u16(zip, p + 28);
            int extraLen = u16(zip, p + 30);
            int commentLen = u16(zip, p + 32);
            long local = u32(zip, p + 42);
            if (p + 46L + nameLen + extraLen + commentLen > cdEnd) {
                throw new ModelFormatException(source, null, "zip central directory entry " + i + " runs past the directory");
            }
            String name = new String(zip, p + 46, nameLen,
                    (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            p += 46 + nameLen + extraLen + commentLen;
            if (csize == 0xFFFFFFFFL || size == 0xFFFFFFFFL || local == 0xFFFFFFFFL) {
                throw new ModelFormatException(source, name, "ZIP64 members are not supported");
            }
            if (!names.add(name)) {
                throw new ModelFormatException(source, name, "the archive holds two members with this name");
            }
            if ((flags & 1) != 0) {
                throw new ModelFormatException(source, name, "the member is encrypted");
            }
            if (method != 0 && method != 8) {
                throw new ModelFormatException(source, name, "compression method " + method
                        + " is not supported (Keras stores members uncompressed; deflate is also read)");
            }
            if (local + 30 > cdOffset || (int) u32(zip, (int) local) != LOCAL_SIG) {
                throw new ModelFormatException(source, name, "the member's local header (offset " + local
                        + ") is missing or outside the archive");
            }
            int localNameLen = u16(zip, (int) local + 26);
            int localExtraLen = u16(zip, (int) local + 28);
            long dataStart = local + 30 + localNameLen + localExtraLen;
            if (localNameLen != nameLen || !new String(zip, (int) local + 30, Math.min(localNameLen, zip.length - (int) local - 30),
                    (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).equals(name)) {
                throw new ModelFormatException(source, name, "the local header names a different member");
            }
            if (dataStart + csize > cdOffset) {
                throw new ModelFormatException(source, name, "the member declares " + csize + " bytes at offset "
                        + dataStart + " but the archive's data ends at " + cdOffset + "; truncated or corrupt");
            }
            if (method == 0 && csize != size) {
                throw new ModelFormatException(source, name, "stored member declares " + size
                        + " bytes but occupies " + csize);
            }
            if (method == 8) {
                if (size > MAX_MEMBER_BYTES) {
                    throw new ModelFormatException(source, name, "compressed member declares " + size
                            + " bytes uncompressed, over the 1 GiB limit (zip bomb?)");
                }
                if (size > (long) MAX_RATIO * Math.max(csize, 1) + 4096) {
                    throw new ModelFormatException(source, name, "compressed member declares " + size
                            + " bytes from " + csize + ", a ratio over " + MAX_RATIO + " (zip bomb?)");
                }
            }
            entries.add(new Entry(name, method, flags, crc, csize, size, local, dataStart, time, date));
        }
        // Members may not share bytes: overlapping entries are how non-recursive zip bombs multiply data.
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::localOffset));
        for (int i = 1; i < byOffset.size(); i++) {
            Entry prev = byOffset.get(i - 1);
            Entry cur = byOffset.get(i);
            if (prev.dataStart() + prev.compressedSize() > cur.localOffset()) {
                throw new ModelFormatException(source, cur.name(), "the member overlaps member " + prev.name()
                        + " (overlapping entries: zip bomb or corrupt archive)");
            }
        }
        return entries;
    }

    private static int findEnd(byte[] zip, String source) {
        if (zip.length < 22) {
            throw new ModelFormatException(source, null, "too short for a zip archive (" + zip.length
                    + " bytes); truncated");
        }
        int lowest = Math.max(0, zip.length - 22 - 0xFFFF);
        for (int p = zip.length - 22; p >= lowest; p--) {
            if ((int) u32(zip, p) == END_SIG && p + 22 + u16(zip, p + 20) == zip.length) {
                return p;
            }
        }
        throw new ModelFormatException(source, null, "no zip end-of-central-directory record; the file is "
                + "truncated or not a zip archive");
    }

    private static byte[] data(byte[] zip, Entry e, String source) {
        byte[] data;
        if (e.method() == 0) {
            data = java.util.Arrays.copyOfRange(zip, (int) e.dataStart(), (int) (e.dataStart() + e.size()));
        } else {
            data = new byte[(int) e.size()];
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(zip, (int) e.dataStart(), (int) e.compressedSize());
                int n = 0;
                while (n < data.length) {
                    int got = inf.inflate(data, n, data.length - n);
                    if (got == 0) {
                        break; // finished, out of input, or stuck: any of them ends the member
                    }
                    n += got;
                }
                if (n < data.length) {
                    throw new ModelFormatException(source, e.name(), "the compressed member inflates to " + n
                            + " bytes, fewer than the " + data.length + " declared; truncated or corrupt");
                }
                byte[] probe = new byte[1];
                if (!inf.finished() && inf.inflate(probe) > 0) {
                    throw new ModelFormatException(source, e.name(), "the compressed member inflates to more than "
                            + "the " + data.length + " bytes declared (zip bomb?)");
                }
            } catch (DataFormatException ex) {
                throw new ModelFormatException(source, e.name(), "corrupt deflate data (" + ex.getMessage() + ")", ex);
            } finally {
                inf.end();
            }
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        if (crc.getValue() != e.crc()) {
            throw new ModelFormatException(source, e.name(), String.format(
                    "CRC mismatch (declared %08x, data has %08x); the archive is corrupt", e.crc(), crc.getValue()));
        }
        return data;
    }

    private static LocalDateTime fromDos(int date, int time) {
        try {
            return LocalDateTime.of(1980 + (date >>> 9), Math.max(1, (date >>> 5) & 15), Math.max(1, date & 31),
                    Math.min(23, time >>> 11), Math.min(59, (time >>> 5) & 63), Math.min(58, (time & 31) * 2));
        } catch (java.time.DateTimeException ex) {
            return LocalDateTime.of(1980, 1, 1, 0, 0); // an impossible date (Feb 31) is not worth failing a load
        }
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int p) {
        return (u16(b, p) | (long) u16(b, p + 2) << 16) & 0xFFFFFFFFL;
    }
}
