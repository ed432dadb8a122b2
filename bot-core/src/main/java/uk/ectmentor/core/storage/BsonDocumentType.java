package uk.ectmentor.core.storage;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the embedded store's document maps: each document written as BSON, the encoding it arrived in
 * on the wire, after a tag of its own; anything else, and documents written before (H2's Java serialization, tag
 * 19), read and written as H2's {@link ObjectDataType} does.
 *
 * <p>A commit writes each page it changed whole, so storing one document re-encodes the others sharing its page.
 * With Java serialization that was most of the embedded store's allocation (a stream, class descriptors and a
 * handle table per document) and a quarter of the bot's under load. A document the server's BSON encoder cannot
 * write (a value it has no BSON type for) falls back to Java serialization, so a commit never fails on its account.
 * Stored documents are never changed in place ({@link EmbeddedH2Backend} applies updates to copies), so a page is
 * never written with a document half-updated.
 *
 * <p>Files written before this type still open (their documents are read the old way and rewritten as BSON when
 * their page next changes); mongo-java-server's stock backend cannot read documents written by it.
 */
final class BsonDocumentType extends ObjectDataType {
    /** After the last of {@link ObjectDataType}'s tags (104-119: byte arrays of up to 15 bytes). */
    static final byte BSON = 127;
    /**
     * The in-memory size H2 is told per encoded byte: a decoded document (a linked map, boxed values, strings in
     * UTF-16) takes about three times its BSON. H2 splits pages and sizes its cache on this estimate.
     */
    static final int MEMORY_PER_BYTE = 3;
    private static final int BUFFER_BYTES = 4096;
    private static final int KEEP_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(BUFFER_BYTES));

    private volatile int averageSize = 1000;

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (!(value instanceof Document document)) {
            super.write(buff, value);
            return;
        }
        ByteBuf bson = BUFFERS.get();
        bson.clear();
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException unencodable) {
            super.write(buff, value);
            return;
        } finally {
            if (bson.capacity() > KEEP_BUFFER_BYTES) {
                BUFFERS.remove();
            }
        }
        int length = bson.readableBytes();
        averageSize = (length * MEMORY_PER_BYTE + 15 * averageSize) / 16;
        buff.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
    }

    @Override
    public Object read(ByteBuffer buff) {
        int start = buff.position();
        if (buff.get(start) != BSON) {
            return super.read(buff);
        }
        int length = Integer.reverseBytes(buff.getInt(start + 1)); // BSON's little-endian total length
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buff.slice(start + 1, length)));
        buff.position(start + 1 + length);
        return document;
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageSize : super.getMemory(value);
    }
}
