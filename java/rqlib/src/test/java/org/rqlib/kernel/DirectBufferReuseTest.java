package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * A buffer from {@link DirectBuffers#allocate} is as new even when it comes from the cache of freed ones. Found by
 * the fault-injection tests: a reused buffer kept its last owner's limit, so zeroing it threw
 * IndexOutOfBoundsException, and PacketFileDecoder wrote zeros instead of the decoded block.
 */
class DirectBufferReuseTest {

    @Test
    void aReusedBufferHasNoPositionLimitOrOrderLeftOver() {
        // an odd size no other test uses, so that the cached buffer is this one
        int size = 4093;
        for (int round = 0; round < 3; round++) {
            ByteBuffer buffer = DirectBuffers.allocate(size);
            assertEquals(0, buffer.position(), "round " + round);
            assertEquals(size, buffer.limit(), "round " + round);
            assertEquals(ByteOrder.BIG_ENDIAN, buffer.order(), "round " + round);
            for (int i = 0; i < size; i++) {
                assertEquals(0, buffer.get(i), "round " + round + " byte " + i);
            }
            for (int i = 0; i < size; i++) {
                buffer.put(i, (byte) 0x5A);
            }
            buffer.position(17).limit(99);
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            buffer.mark();
            DirectBuffers.free(buffer);
        }
    }
}
