package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * A buffer from {@link DirectBuffers#allocate} is as new even when it comes from the cache of freed ones, and a
 * request the JVM's direct memory limit cannot hold is a ResourceLimitException. Found by
 * the fault-injection tests: a reused buffer kept its last owner's limit, so zeroing it threw
 * IndexOutOfBoundsException, and PacketFileDecoder wrote zeros instead of the decoded block.
 */
class DirectBufferReuseTest {

    @Test
    void moreThanTheJvmsDirectMemoryIsAResourceLimitNotAnError() {
        // the test JVM runs with -XX:MaxDirectMemorySize=1g; only the reservation fails, nothing is allocated.
        // A hostile OTI asking a decoder for 2 GiB used to end in OutOfMemoryError
        int outstanding = DirectBuffers.outstandingCount();
        org.rqlib.ResourceLimitException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rqlib.ResourceLimitException.class, () -> DirectBuffers.allocate(Integer.MAX_VALUE - 64));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("direct memory"), e.getMessage());
        assertEquals(outstanding, DirectBuffers.outstandingCount(), "a refused buffer was counted as handed out");
    }

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
