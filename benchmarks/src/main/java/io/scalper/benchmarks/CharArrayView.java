package io.scalper.benchmarks;

/**
 * A reusable {@link CharSequence} over a range of a {@code char[]} (a parser's text buffer), so decimal text can be
 * parsed in place without a {@code String}. Valid until the buffer's owner moves on; not thread-safe.
 */
final class CharArrayView implements CharSequence {
    private char[] chars = new char[0];
    private int offset;
    private int length;

    /** Points the view at {@code chars[offset, offset + length)} and returns it. */
    CharArrayView set(char[] chars, int offset, int length) {
        this.chars = chars;
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(chars, offset + start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, offset, length);
    }
}
