package org.rqlib.layout;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.rqlib.io.Base58;
import org.rqlib.io.Blake3;

/**
 * The symbol ids of one layout block, held compactly: each id as its 32-byte BLAKE3 digest in pages of
 * {@link #IDS_PER_PAGE}, not as a String (about 100 heap bytes each), so that the layout of a 10 GiB file (1.6
 * million ids) takes 52 MB instead of 160, and no single array needs one huge allocation. {@link #get} gives an
 * id's Base58 text, which is exactly what the layout file holds (Base58 of a fixed-length value is one-to-one).
 * Immutable once built, thread-safe.
 */
public final class SymbolIds extends BlockIds {
    /** Heap bytes one id takes. */
    public static final int BYTES_PER_ID = Blake3.DIGEST_BYTES;
    static final int IDS_PER_PAGE = 4096;

    private final byte[][] pages;
    private final int size;

    private SymbolIds(byte[][] pages, int size) {
        this.pages = pages;
        this.size = size;
    }

    /** The ids of a list of Base58 texts; each must be the Base58 form of a 32-byte digest. */
    public static SymbolIds of(List<String> ids) {
        if (ids instanceof SymbolIds compact) {
            return compact;
        }
        Builder builder = new Builder(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            builder.set(i, Base58.decodeFixed(Objects.requireNonNull(ids.get(i), "id"), BYTES_PER_ID));
        }
        return builder.build();
    }

    @Override
    public int size() {
        return size;
    }

    /** These ids are in the heap already. */
    @Override
    public SymbolIds load() {
        return this;
    }

    /**
     * Puts the digests of ids {@code from} to {@code from + count - 1}, 32 bytes each in order, into {@code out}:
     * how a spill file stores them.
     */
    public void putDigests(int from, int count, ByteBuffer out) {
        Objects.checkFromIndexSize(from, count, size);
        for (int index = from; index < from + count; ) {
            int inPage = index % IDS_PER_PAGE;
            int n = Math.min(count - (index - from), IDS_PER_PAGE - inPage);
            out.put(pages[index / IDS_PER_PAGE], inPage * BYTES_PER_ID, n * BYTES_PER_ID);
            index += n;
        }
    }

    /** The Base58 text of id {@code index}, as the layout file and the symbol file's name spell it. */
    @Override
    public String get(int index) {
        return Base58.encode(digest(index));
    }

    /** A copy of the 32-byte digest of id {@code index}. */
    public byte[] digest(int index) {
        Objects.checkIndex(index, size);
        int at = (index % IDS_PER_PAGE) * BYTES_PER_ID;
        return Arrays.copyOfRange(pages[index / IDS_PER_PAGE], at, at + BYTES_PER_ID);
    }

    /** Heap bytes the digests of {@code ids} ids take. */
    public static long heapBytes(long ids) {
        return ids * BYTES_PER_ID;
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof SymbolIds that) {
            if (size != that.size) {
                return false;
            }
            for (int p = 0; p < pages.length; p++) {
                if (!Arrays.equals(pages[p], that.pages[p])) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /**
     * Collects ids by index, in any order (one writer per index; publish with a happens-before edge such as a
     * thread join), or appended in order when the count is not known in advance. Not thread-safe otherwise.
     */
    public static final class Builder {
        private byte[][] pages;
        private int size;

        /** A builder for exactly {@code count} ids set by index. */
        public Builder(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("id count " + count + " must be >= 0");
            }
            this.size = count;
            this.pages = new byte[(count + IDS_PER_PAGE - 1) / IDS_PER_PAGE][];
            for (int p = 0; p < pages.length; p++) {
                int idsInPage = Math.min(IDS_PER_PAGE, count - p * IDS_PER_PAGE);
                pages[p] = new byte[idsInPage * BYTES_PER_ID];
            }
        }

        /** A builder ids are appended to. */
        public Builder() {
            this.pages = new byte[0][];
        }

        public int size() {
            return size;
        }

        public Builder set(int index, byte[] digest) {
            Objects.checkIndex(index, size);
            checkDigest(digest);
            System.arraycopy(digest, 0, pages[index / IDS_PER_PAGE], (index % IDS_PER_PAGE) * BYTES_PER_ID,
                    BYTES_PER_ID);
            return this;
        }

        /** Sets id {@code index} from its Base58 text. */
        public Builder set(int index, String id) {
            return set(index, Base58.decodeFixed(id, BYTES_PER_ID));
        }

        /** Appends the ids whose digests fill {@code digests}, 32 bytes each, as {@link #putDigests} puts them. */
        public Builder addDigests(ByteBuffer digests) {
            if (digests.remaining() % BYTES_PER_ID != 0) {
                throw new IllegalArgumentException(digests.remaining() + " bytes are not whole " + BYTES_PER_ID
                        + "-byte ids");
            }
            byte[] digest = new byte[BYTES_PER_ID];
            while (digests.hasRemaining()) {
                digests.get(digest);
                add(digest);
            }
            return this;
        }

        /** Appends one id: pages are full-sized, so only the page table ever grows. */
        public Builder add(byte[] digest) {
            checkDigest(digest);
            int page = size / IDS_PER_PAGE;
            if (page == pages.length) {
                pages = Arrays.copyOf(pages, Math.max(4, pages.length * 2));
            }
            if (pages[page] == null) {
                pages[page] = new byte[IDS_PER_PAGE * BYTES_PER_ID];
            }
            System.arraycopy(digest, 0, pages[page], (size % IDS_PER_PAGE) * BYTES_PER_ID, BYTES_PER_ID);
            size++;
            return this;
        }

        private static void checkDigest(byte[] digest) {
            if (digest.length != BYTES_PER_ID) {
                throw new IllegalArgumentException("an id is " + BYTES_PER_ID + " bytes, got " + digest.length);
            }
        }

        public SymbolIds build() {
            int pageCount = (size + IDS_PER_PAGE - 1) / IDS_PER_PAGE;
            byte[][] exact = Arrays.copyOf(pages, pageCount);
            if (pageCount > 0) {
                int last = size - (pageCount - 1) * IDS_PER_PAGE;
                if (exact[pageCount - 1].length != last * BYTES_PER_ID) {
                    exact[pageCount - 1] = Arrays.copyOf(exact[pageCount - 1], last * BYTES_PER_ID);
                }
            }
            SymbolIds ids = new SymbolIds(exact, size);
            pages = null;
            return ids;
        }
    }
}
