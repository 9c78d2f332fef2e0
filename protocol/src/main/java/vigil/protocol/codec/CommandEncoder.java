package vigil.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import vigil.protocol.wire.Command;

/** The console side's encoder: one command and its newline (PROTOCOL.md §1). */
@Sharable
public final class CommandEncoder extends MessageToByteEncoder<Command<?>> {

    @SuppressWarnings({"unchecked", "rawtypes"})
    public CommandEncoder() {
        super((Class) Command.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Command<?> command, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, command.text());
        out.writeByte('\n');
    }
}
