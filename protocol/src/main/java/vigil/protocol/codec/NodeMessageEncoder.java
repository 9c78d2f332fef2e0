package vigil.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import vigil.protocol.wire.NodeMessage;

/** The node side's encoder: events and replies to the bytes a console reads. */
public final class NodeMessageEncoder extends MessageToByteEncoder<NodeMessage> {
    private final NodeMessageWriter writer;

    public NodeMessageEncoder(NodeMessageWriter writer) {
        super(NodeMessage.class);
        this.writer = writer;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, NodeMessage message, ByteBuf out) {
        writer.write(message, out);
    }
}
