package io.scalper.bybit.marketdata;

import io.scalper.core.util.Decimals;

/** Scans a data value for the decimals used by its prices and sizes (first sight of a symbol only). */
final class ScaleProbe {
    int priceScale = -1;
    int qtyScale = -1;

    private static final byte[] B = JsonCursor.ascii("b");
    private static final byte[] A = JsonCursor.ascii("a");
    private static final byte[] P = JsonCursor.ascii("p");
    private static final byte[] V = JsonCursor.ascii("v");
    private static final byte[] LAST_PRICE = JsonCursor.ascii("lastPrice");
    private static final byte[] BID1_PRICE = JsonCursor.ascii("bid1Price");
    private static final byte[] ASK1_PRICE = JsonCursor.ascii("ask1Price");
    private static final byte[] BID1_SIZE = JsonCursor.ascii("bid1Size");
    private static final byte[] ASK1_SIZE = JsonCursor.ascii("ask1Size");

    ScaleProbe(byte[] text, int dataPos, int end) {
        final JsonCursor j = new JsonCursor();
        j.reset(text, dataPos, end);
        final int c = j.peek();
        if (c == '{') {
            probeObject(j, text);
        } else if (c == '[') {
            j.consume('[');
            while (j.peek() == '{') {
                probeObject(j, text);
                if (j.next(']') != 1) {
                    break;
                }
            }
        }
    }

    private void probeObject(JsonCursor j, byte[] text) {
        if (!j.consume('{') || j.consume('}')) {
            return;
        }
        while (j.readKey()) {
            final boolean levels = j.strEquals(B) || j.strEquals(A);
            final boolean price =
                    j.strEquals(P) || j.strEquals(LAST_PRICE) || j.strEquals(BID1_PRICE) || j.strEquals(ASK1_PRICE);
            final boolean qty = j.strEquals(V) || j.strEquals(BID1_SIZE) || j.strEquals(ASK1_SIZE);
            if (levels && j.peek() == '[') {
                j.consume('[');
                boolean more = !j.consume(']');
                while (more && j.consume('[')) {
                    if (!j.readString()) {
                        return;
                    }
                    priceScale = Math.max(priceScale, scaleOf(text, j.strStart, j.strEnd));
                    if (!j.consume(',') || !j.readString()) {
                        return;
                    }
                    qtyScale = Math.max(qtyScale, scaleOf(text, j.strStart, j.strEnd));
                    if (!j.consume(']')) {
                        return;
                    }
                    more = j.next(']') == 1;
                }
            } else if ((price || qty) && j.peek() == '"') {
                j.readString();
                if (j.strLength() > 0) {
                    final int scale = scaleOf(text, j.strStart, j.strEnd);
                    if (price) {
                        priceScale = Math.max(priceScale, scale);
                    } else {
                        qtyScale = Math.max(qtyScale, scale);
                    }
                }
            } else if (!j.skipValue()) {
                return;
            }
            if (j.next('}') != 1) {
                return;
            }
        }
    }

    /** As {@link Decimals#scaleOf(CharSequence, int, int)}, over bytes. */
    static int scaleOf(byte[] text, int from, int to) {
        int i = from;
        if (i < to && (text[i] == '-' || text[i] == '+')) {
            i++;
        }
        int intDigits = 0;
        while (i < to && text[i] >= '0' && text[i] <= '9') {
            i++;
            intDigits++;
        }
        if (intDigits == 0) {
            return -1;
        }
        if (i == to) {
            return 0;
        }
        if (text[i] != '.') {
            return -1;
        }
        final int point = i++;
        while (i < to && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        return i == to && i > point + 1 ? i - point - 1 : -1;
    }
}
