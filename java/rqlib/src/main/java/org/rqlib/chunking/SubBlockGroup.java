package org.rqlib.chunking;

/**
 * Consecutive sub-blocks [first, end) of a source block coded together as one symbol array: symbol i of the group
 * is the concatenation of sub-symbol i of each of its sub-blocks, bytes [symbolOffset, symbolOffset + width) of
 * encoding symbol i. RFC 6330 coding is byte-wise linear with a plan that depends only on K, so coding a group
 * gives exactly the concatenation of coding each sub-block alone (RFC 6330 4.4.1.2).
 *
 * @param first the first sub-block
 * @param end one past the last sub-block
 * @param symbolOffset where the group's bytes start inside each encoding symbol
 * @param width the group's bytes per symbol
 */
public record SubBlockGroup(int first, int end, int symbolOffset, int width) {
    public int subBlocks() {
        return end - first;
    }
}
