package dev.strata.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into CSV records (RFC 4180): fields separated by a one-byte delimiter, records ended by
 * LF, CRLF or a lone CR, fields optionally in double quotes (which may hold delimiters, line breaks and
 * {@code ""} for a quote). Works on bytes, which is safe for UTF-8 because the delimiter, quote and line
 * breaks are ASCII and never occur inside a multi-byte sequence. Records that are empty or hold only spaces
 * and tabs are skipped. A UTF-8 byte order mark at the start is skipped.
 *
 * <p>After {@link #next()} the record's fields are {@code text[start(i), end(i))} with quotes removed.
 */
final class CsvTokenizer {
    private static final int QUOTE = '"';

    private final InputStream in;
    private final int delimiter;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1; // the physical line of the next byte to read

    private byte[] text = new byte[1024];
    private int textLength;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int[] fieldLines = new int[16];
    private boolean[] quoted = new boolean[16];
    private int fieldCount;
    private int recordLine;
    private int unclosedQuoteLine;

    CsvTokenizer(InputStream in, char delimiter) throws IOException {
        this.in = in;
        this.delimiter = delimiter;
        fill();
        if (limit - pos >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
    }

    /**
     * Reads the next record that is not blank.
     *
     * @return false at the end of the input
     * @throws IOException if reading fails; {@link #unclosedQuoteLine()} is non-zero (and the method returns
     *     true with the partial record) when the input ends inside a quoted field
     */
    boolean next() throws IOException {
        while (true) {
            textLength = 0;
            fieldCount = 0;
            recordLine = line;
            int c = read();
            if (c < 0) {
                return false;
            }
            while (true) {
                beginField();
                if (c == QUOTE) {
                    quoted[fieldCount] = true;
                    c = readQuoted();
                    if (c == -2) {
                        endField();
                        return true; // unclosed quote; the caller reports it
                    }
                }
                if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    append(c);
                    c = readPlain();
                }
                endField();
                if (c == delimiter) {
                    c = read();
                    continue;
                }
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c >= 0) {
                    line++;
                }
                break;
            }
            if (!isBlank()) {
                return true;
            }
        }
    }

    /**
     * Reads a quoted field's contents after the opening quote up to the closing one.
     *
     * @return the byte after the closing quote (or -1 at the end), or -2 if the input ends inside the quotes
     */
    private int readQuoted() throws IOException {
        int startLine = line;
        while (true) {
            int c = read();
            if (c < 0) {
                unclosedQuoteLine = startLine;
                return -2;
            }
            if (c == QUOTE) {
                if (peek() == QUOTE) {
                    read();
                    append(QUOTE);
                    continue;
                }
                return read();
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            append(c);
        }
    }

    private boolean isBlank() {
        if (fieldCount != 1 || quoted[0]) {
            return false;
        }
        for (int i = starts[0]; i < ends[0]; i++) {
            if (text[i] != ' ' && text[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private void beginField() {
        if (fieldCount == starts.length) {
            int n = fieldCount * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            fieldLines = Arrays.copyOf(fieldLines, n);
            quoted = Arrays.copyOf(quoted, n);
        }
        starts[fieldCount] = textLength;
        fieldLines[fieldCount] = line;
        quoted[fieldCount] = false;
    }

    private void endField() {
        ends[fieldCount++] = textLength;
    }

    private void append(int c) {
        if (textLength == text.length) {
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[textLength++] = (byte) c;
    }

    /**
     * Appends the bytes up to the next delimiter or line break (the rest of an unquoted field) and returns that
     * byte, or -1 at the end: the buffer is scanned and copied in spans, not byte by byte.
     */
    private int readPlain() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                return -1;
            }
            int p = pos;
            byte[] b = buf;
            int end = limit;
            byte d = (byte) delimiter;
            while (p < end) {
                byte x = b[p];
                if (x == d || x == '\n' || x == '\r') {
                    break;
                }
                p++;
            }
            int n = p - pos;
            if (n > 0) {
                if (textLength + n > text.length) {
                    text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + n));
                }
                System.arraycopy(b, pos, text, textLength, n);
                textLength += n;
            }
            pos = p;
            if (p < end) {
                pos++;
                return b[p] & 0xFF;
            }
        }
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos] & 0xFF;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.readNBytes(buf, 0, buf.length);
        pos = 0;
        limit = n;
        if (n < buf.length) {
            eof = true;
        }
        return n > 0;
    }

    /** The number of fields in the current record. */
    int fieldCount() {
        return fieldCount;
    }

    /** The line on which the current record starts. */
    int recordLine() {
        return recordLine;
    }

    /** The line on which field {@code i} starts. */
    int fieldLine(int i) {
        return fieldLines[i];
    }

    /** The line of a quoted field that the input ended inside, or 0. */
    int unclosedQuoteLine() {
        return unclosedQuoteLine;
    }

    byte[] text() {
        return text;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** Field {@code i} decoded as UTF-8. */
    String field(int i) {
        return new String(text, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }
}
