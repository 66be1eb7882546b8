package io.scalper.bybit.marketdata;

import io.scalper.core.util.Decimals;

/** Scans a data value for the decimals used by its prices and sizes (first sight of a symbol only). */
final class ScaleProbe {
    int priceScale = -1;
    int qtyScale = -1;

    ScaleProbe(String text, int dataPos) {
        final JsonCursor j = new JsonCursor();
        j.reset(text);
        j.pos(dataPos);
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

    private void probeObject(JsonCursor j, String text) {
        if (!j.consume('{') || j.consume('}')) {
            return;
        }
        while (j.readKey()) {
            final boolean levels = j.strEquals("b") || j.strEquals("a");
            final boolean price = j.strEquals("p")
                    || j.strEquals("lastPrice")
                    || j.strEquals("bid1Price")
                    || j.strEquals("ask1Price");
            final boolean qty = j.strEquals("v") || j.strEquals("bid1Size") || j.strEquals("ask1Size");
            if (levels && j.peek() == '[') {
                j.consume('[');
                boolean more = !j.consume(']');
                while (more && j.consume('[')) {
                    if (!j.readString()) {
                        return;
                    }
                    priceScale = Math.max(priceScale, Decimals.scaleOf(text, j.strStart, j.strEnd));
                    if (!j.consume(',') || !j.readString()) {
                        return;
                    }
                    qtyScale = Math.max(qtyScale, Decimals.scaleOf(text, j.strStart, j.strEnd));
                    if (!j.consume(']')) {
                        return;
                    }
                    more = j.next(']') == 1;
                }
            } else if ((price || qty) && j.peek() == '"') {
                j.readString();
                if (j.strLength() > 0) {
                    final int scale = Decimals.scaleOf(text, j.strStart, j.strEnd);
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
}
