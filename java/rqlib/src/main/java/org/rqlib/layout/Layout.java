package org.rqlib.layout;

import java.util.List;

/**
 * The layout of an encoded file: its blocks in file order. Immutable; read and written by {@link LayoutJson}.
 */
public record Layout(List<LayoutBlock> blocks) {
    public Layout {
        blocks = List.copyOf(blocks);
    }

    /** Length of the file the layout describes. */
    public long fileSize() {
        return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).originalOffset()
                + blocks.get(blocks.size() - 1).size();
    }
}
