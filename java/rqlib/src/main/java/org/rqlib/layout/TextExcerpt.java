package org.rqlib.layout;

/**
 * A short, escaped excerpt of untrusted text for an error message: at most {@link #MAX_CHARS} characters, quoted,
 * with control and non-ASCII characters written as Unicode escapes, so that a hostile layout can neither flood a
 * log nor send terminal escapes through one. Stateless.
 */
public final class TextExcerpt {
    /** Characters of the original quoted at most. */
    public static final int MAX_CHARS = 48;

    private TextExcerpt() {
    }

    public static String of(CharSequence text) {
        return of(text, MAX_CHARS);
    }

    /** An excerpt of at most {@code maxChars} characters of the original. */
    public static String of(CharSequence text, int maxChars) {
        return excerpt(text, maxChars, true);
    }

    /** The same without quotes: for a token such as a number. */
    public static String unquoted(CharSequence text) {
        return unquoted(text, MAX_CHARS);
    }

    /** Without quotes, at most {@code maxChars} characters: for a parser's message that may quote input. */
    public static String unquoted(CharSequence text, int maxChars) {
        return excerpt(text, maxChars, false);
    }

    private static String excerpt(CharSequence text, int maxChars, boolean quoted) {
        if (text == null) {
            return "null";
        }
        int shown = Math.min(text.length(), maxChars);
        StringBuilder out = new StringBuilder(shown + 16);
        if (quoted) {
            out.append('"');
        }
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (quoted) {
            out.append('"');
        }
        if (shown < text.length()) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
