package vigil.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.InvalidMessage.Failure;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeMessage;

/**
 * Decodes what a node sends into {@link vigil.protocol.wire.NodeMessage}s, for every split of the
 * byte stream (PROTOCOL.md §1–§3, and the dialects of §8).
 *
 * <p>A state machine that reads like the wire: at a message's start it reads the prefix and decides
 * whether the message is one line ({@code TEXT_LINE}) or a header and a JPEG ({@code IMAGE_HEADER},
 * then {@code IMAGE_BODY}). Nothing is consumed until a whole message is there, so each state can
 * simply wait for more bytes; the one scan that could grow long, for the end of a history line of
 * megabytes, remembers how far it got.
 *
 * <p>The JPEG of a message is copied exactly once, out of the reads it arrived in (kept as a
 * composite, never merged) into the array of its {@link vigil.protocol.wire.Jpeg}. A line is
 * copied into a reusable array as its end is sought and parsed there.
 *
 * <p>Limits, each a constructor parameter: a line (64 KiB; 16 MiB for {@code LR_OL}, {@code LR_BL}
 * and {@code LR_RL} replies, which grow with a busy node's day) and an image (8 MiB, refused as soon
 * as its header announces it, before anything is allocated).
 *
 * <p>Failures are values: a malformed message becomes an {@link InvalidMessage} with a precise
 * reason, is counted, and never closes the link, because real nodes are sloppy and a console that
 * hangs up loses the events that follow. When a message's whole extent is known (a well-framed
 * header with bad fields) the decoder skips exactly that message. Otherwise it <b>resynchronises</b>:
 * it skips to the next line that starts like a message ({@code XX_YY:}) and goes on from there, so
 * that binary junk is skipped quietly (its bytes counted) while every line that claims to be a
 * message is decoded or reported on its own. An image whose
 * bytes are not a JPEG (its announced size was wrong) is not swallowed: the decoder resynchronises
 * from the image's first byte, so the messages a wrong size would have eaten are still decoded.
 * When the stream ends inside a message, that message is reported as truncated.
 */
public final class NodeMessageDecoder extends ByteToMessageDecoder {
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    public static final int DEFAULT_MAX_HISTORY_LINE_LENGTH = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_IMAGE_SIZE = 8 * 1024 * 1024;

    /** The longest prefix ({@code AR_ERROR}) and its delimiter. */
    private static final int MAX_PREFIX_LENGTH = 8;
    private static final int EXCERPT_LENGTH = 60;
    private static final int LINE_CHUNK = 2048;

    private enum State { MESSAGE_START, TEXT_LINE, IMAGE_HEADER, IMAGE_BODY, RESYNCHRONISE }

    private final int maxLineLength;
    private final int maxHistoryLineLength;
    private final int maxImageSize;
    private final TrafficCounters counters;

    private State state = State.MESSAGE_START;
    private MessageType type;
    private Dialect dialect;
    private int dataOffset;
    private int scannedLength;
    private ImageMessageParser.Layout layout;
    private boolean atLineStart;
    private boolean streamEnded;
    /** Each line (or JPEG header) is copied here in bulk and parsed as a plain array. */
    private byte[] lineBytes = new byte[LINE_CHUNK];

    public NodeMessageDecoder(TrafficCounters counters) {
        this(counters, DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_HISTORY_LINE_LENGTH, DEFAULT_MAX_IMAGE_SIZE);
    }

    public NodeMessageDecoder(TrafficCounters counters, int maxLineLength, int maxHistoryLineLength, int maxImageSize) {
        // Bytes that wait for the rest of their message are kept as a list of the reads they came
        // in, not merged into one buffer: a JPEG is then copied once, into its array, and no more.
        setCumulator(COMPOSITE_CUMULATOR);
        this.counters = counters;
        this.maxLineLength = maxLineLength;
        this.maxHistoryLineLength = maxHistoryLineLength;
        this.maxImageSize = maxImageSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            counters.countBytes(buf.readableBytes());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progressed;
        do {
            progressed = switch (state) {
                case MESSAGE_START -> decodeMessageStart(in, out);
                case TEXT_LINE -> decodeTextLine(in, out);
                case IMAGE_HEADER -> decodeImageHeader(in, out);
                case IMAGE_BODY -> decodeImageBody(in, out);
                case RESYNCHRONISE -> resynchronise(in);
            };
        } while (progressed && in.isReadable());
    }

    /** At the end of the stream, whatever message was begun is reported as truncated. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        streamEnded = true;
        decode(ctx, in, out);
        while (in.isReadable()) {
            switch (state) {
                case RESYNCHRONISE -> skip(in, in.readableBytes());
                case IMAGE_BODY -> {
                    // The announced size may have been too large: look for messages inside it.
                    fail(in, out, Failure.TRUNCATED, "the stream ended " + (layout.messageLength() - in.readableBytes())
                            + " bytes before the end of the " + type + " image");
                    in.skipBytes(layout.imageStart());
                    startResynchronising();
                    decode(ctx, in, out);
                }
                case MESSAGE_START -> {
                    fail(in, out, Failure.TRUNCATED, "the stream ended inside a message prefix");
                    skip(in, in.readableBytes());
                }
                default -> {
                    fail(in, out, Failure.TRUNCATED, "the stream ended inside a " + type + " message");
                    skip(in, in.readableBytes());
                    state = State.MESSAGE_START;
                }
            }
        }
    }

    private boolean decodeMessageStart(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b != '\n' && b != '\r') {
                break;
            }
            in.skipBytes(1); // blank lines, and the newline that may or may not follow a JPEG
        }
        int start = in.readerIndex();
        int prefixEnd = findPrefixEnd(in, start);
        if (prefixEnd == NEED_MORE) {
            return false;
        }
        if (prefixEnd == NOT_A_PREFIX || !recognisePrefix(in, start, prefixEnd)) {
            int shown = prefixEnd == NOT_A_PREFIX ? start + MAX_PREFIX_LENGTH + 1 : prefixEnd;
            String prefix = excerpt(in, start, shown);
            if (!fail(in, out, Failure.UNKNOWN_PREFIX, "unknown message prefix '" + prefix + "'")) {
                return false;
            }
            startResynchronising();
            return true;
        }
        boolean hasData = in.getByte(prefixEnd) == ':';
        dataOffset = prefixEnd - start + (hasData ? 1 : 0);
        scannedLength = 0;
        boolean okFormMayCarryImage = type == MessageType.MR_OD || type == MessageType.LR_OI;
        if (okFormMayCarryImage && !in.isReadable(dataOffset + 3)) {
            return false;
        }
        state = carriesImage(in, start + dataOffset) ? State.IMAGE_HEADER : State.TEXT_LINE;
        return true;
    }

    /** {@code ME_FD} always; {@code MR_OD} and {@code LR_OI} in their {@code OK,} form only. */
    private boolean carriesImage(ByteBuf in, int dataStart) {
        return switch (type) {
            case ME_FD -> true;
            case MR_OD, LR_OI ->
                in.getByte(dataStart) == 'O' && in.getByte(dataStart + 1) == 'K' && in.getByte(dataStart + 2) == ',';
            default -> false;
        };
    }

    /**
     * Copies the line into {@link #lineBytes} while looking for its end, a chunk at a time, so each
     * byte is copied once and scanned once as a plain array; the chunk bounds what is copied past
     * the line's end. {@link #scannedLength} remembers how far it got while the line is incomplete.
     */
    private boolean decodeTextLine(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int limit = isHistory(type) ? maxHistoryLineLength : maxLineLength;
        int searchable = Math.min(in.readableBytes(), limit + 1);
        int newline = -1;
        while (newline < 0 && scannedLength < searchable) {
            int chunk = Math.min(searchable - scannedLength, LINE_CHUNK);
            ensureLineCapacity(scannedLength + chunk);
            in.getBytes(start + scannedLength, lineBytes, scannedLength, chunk);
            newline = Swar.indexOf(lineBytes, scannedLength, scannedLength + chunk, (byte) '\n');
            scannedLength += chunk;
        }
        if (newline < 0) {
            if (in.readableBytes() > limit) {
                if (!fail(in, out, Failure.LINE_TOO_LONG, type + " line longer than " + limit + " bytes")) {
                    return false;
                }
                startResynchronising();
                return true;
            }
            return false;
        }
        int end = newline > 0 && lineBytes[newline - 1] == '\r' ? newline - 1 : newline;
        try {
            emit(out, TextMessageParser.parse(type, dialect, lineBytes, Math.min(dataOffset, end), end));
        } catch (MalformedMessageException | IllegalArgumentException e) {
            fail(in, out, failureOf(e), type + ": " + e.getMessage()); // a whole line: its excerpt is here
        }
        in.skipBytes(newline + 1);
        releaseLongLine();
        state = State.MESSAGE_START;
        return true;
    }

    private boolean decodeImageHeader(ByteBuf in, List<Object> out) {
        try {
            int available = copyOut(in, in.readerIndex(),
                    in.readerIndex() + Math.min(in.readableBytes(), ImageMessageParser.window(dataOffset)));
            layout = ImageMessageParser.scan(type, lineBytes, available, dataOffset, maxImageSize);
        } catch (MalformedMessageException e) {
            if (!fail(in, out, e.failure(), type + ": " + e.getMessage())) {
                return false;
            }
            startResynchronising();
            return true;
        }
        if (layout == null) {
            return false;
        }
        state = State.IMAGE_BODY;
        return true;
    }

    private boolean decodeImageBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < layout.messageLength()) {
            return false;
        }
        if (!ImageMessageParser.hasJpegMarkers(in, layout)) {
            if (!fail(in, out, Failure.BAD_IMAGE, type + ": the " + layout.imageSize()
                    + " bytes announced are not a whole JPEG (no FF D8 at the start or FF D9 at the end)")) {
                return false;
            }
            in.skipBytes(layout.imageStart());
            startResynchronising();
            return true;
        }
        try {
            int headerLength = copyOut(in, in.readerIndex() + dataOffset, in.readerIndex() + layout.headerEnd());
            emit(out, ImageMessageParser.parse(type, in, lineBytes, headerLength, layout));
        } catch (MalformedMessageException | IllegalArgumentException e) {
            if (!fail(in, out, failureOf(e), type + ": " + e.getMessage())) {
                return false;
            }
        }
        in.skipBytes(layout.messageLength());
        state = State.MESSAGE_START;
        return true;
    }

    /** Copies bytes into {@link #lineBytes}; returns how many. */
    private int copyOut(ByteBuf in, int start, int end) {
        int length = end - start;
        ensureLineCapacity(length);
        in.getBytes(start, lineBytes, 0, length);
        return length;
    }

    private void ensureLineCapacity(int length) {
        if (lineBytes.length < length) {
            lineBytes = java.util.Arrays.copyOf(lineBytes, Math.max(length, lineBytes.length * 2));
        }
    }

    /** Lets a history line's megabytes go once it is decoded. */
    private void releaseLongLine() {
        if (lineBytes.length > maxLineLength) {
            lineBytes = new byte[LINE_CHUNK];
        }
    }

    /** Skips to the next line that starts like a message (see {@link #looksLikePrefix}). */
    private boolean resynchronise(ByteBuf in) {
        while (in.isReadable()) {
            if (atLineStart) {
                int start = in.readerIndex();
                int prefixEnd = findPrefixEnd(in, start);
                if (prefixEnd == NEED_MORE) {
                    return false;
                }
                if (prefixEnd != NOT_A_PREFIX && looksLikePrefix(in, start, prefixEnd)) {
                    state = State.MESSAGE_START; // which reports it if it is not a known one
                    return true;
                }
                atLineStart = false;
            }
            int newline = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (newline < 0) {
                skip(in, in.readableBytes());
                return false;
            }
            skip(in, newline + 1 - in.readerIndex());
            atLineStart = true;
        }
        return false;
    }

    private void startResynchronising() {
        state = State.RESYNCHRONISE;
        atLineStart = false;
    }

    private static final int NEED_MORE = -1;
    private static final int NOT_A_PREFIX = -2;

    /** The index of the {@code :} or line end after a prefix, {@link #NEED_MORE} or {@link #NOT_A_PREFIX}. */
    private static int findPrefixEnd(ByteBuf in, int start) {
        int limit = Math.min(in.writerIndex(), start + MAX_PREFIX_LENGTH + 1);
        for (int i = start; i < limit; i++) {
            byte b = in.getByte(i);
            if (b == ':' || b == '\n' || b == '\r') {
                return i;
            }
        }
        return limit == start + MAX_PREFIX_LENGTH + 1 ? NOT_A_PREFIX : NEED_MORE;
    }

    /**
     * Whether a line starts like a message ({@code XX_YY}, or {@code XX_ERROR}): such a line is a
     * message of its own, to be decoded or reported; anything else is skipped as part of the junk.
     */
    private static boolean looksLikePrefix(ByteBuf in, int start, int end) {
        int length = end - start;
        if ((length != 5 && length != 8) || in.getByte(start + 2) != '_') {
            return false;
        }
        for (int i = start; i < end; i++) {
            byte b = in.getByte(i);
            if (i != start + 2 && (b < 'A' || b > 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** A known prefix as the bytes that spell it, with the type and dialect it names. */
    private record Prefix(byte[] text, MessageType type, Dialect dialect) {
        Prefix(String text, MessageType type, Dialect dialect) {
            this(text.getBytes(StandardCharsets.US_ASCII), type, dialect);
        }
    }

    private static final Prefix[] PREFIXES = {
        new Prefix("ME_OD", MessageType.ME_OD, Dialect.AR),
        new Prefix("ME_FD", MessageType.ME_FD, Dialect.AR),
        new Prefix("ME_BR", MessageType.ME_BR, Dialect.AR),
        new Prefix("ME_RA", MessageType.ME_RA, Dialect.AR),
        new Prefix("ME_RB", MessageType.ME_RB, Dialect.AR),
        new Prefix("AR_AC", MessageType.AR_AC, Dialect.AR),
        new Prefix("AR_UA", MessageType.AR_UA, Dialect.AR),
        new Prefix("AH_AC", MessageType.AR_AC, Dialect.AH),
        new Prefix("AH_UA", MessageType.AR_UA, Dialect.AH),
        new Prefix("MR_CA", MessageType.MR_CA, Dialect.AR),
        new Prefix("MR_CB", MessageType.MR_CB, Dialect.AR),
        new Prefix("MR_MP", MessageType.MR_MP, Dialect.AR),
        new Prefix("MR_OD", MessageType.MR_OD, Dialect.AR),
        new Prefix("LR_OL", MessageType.LR_OL, Dialect.AR),
        new Prefix("LR_BL", MessageType.LR_BL, Dialect.AR),
        new Prefix("LR_RL", MessageType.LR_RL, Dialect.AR),
        new Prefix("LR_OI", MessageType.LR_OI, Dialect.AR),
        new Prefix("AR_ERROR", MessageType.AR_ERROR, Dialect.AR),
        new Prefix("MR_ERROR", MessageType.MR_ERROR, Dialect.AR),
        new Prefix("LR_ERROR", MessageType.LR_ERROR, Dialect.AR),
    };

    /** Sets {@link #type} and {@link #dialect} from a known prefix; false for an unknown one. */
    private boolean recognisePrefix(ByteBuf in, int start, int end) {
        int length = end - start;
        for (Prefix prefix : PREFIXES) {
            if (prefix.text().length == length && matches(in, start, prefix.text())) {
                type = prefix.type();
                dialect = prefix.dialect();
                return true;
            }
        }
        return false;
    }

    private static boolean matches(ByteBuf in, int start, byte[] text) {
        for (int i = 0; i < text.length; i++) {
            if (in.getByte(start + i) != text[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHistory(MessageType type) {
        return type == MessageType.LR_OL || type == MessageType.LR_BL || type == MessageType.LR_RL;
    }

    private static Failure failureOf(RuntimeException e) {
        return e instanceof MalformedMessageException malformed ? malformed.failure() : Failure.MALFORMED_FIELD;
    }

    private void emit(List<Object> out, NodeMessage message) {
        counters.countMessage(message.type());
        out.add(message);
    }

    /**
     * Reports the message at the reader index as invalid, with an excerpt up to its first line end or
     * {@value #EXCERPT_LENGTH} bytes. Returns false, reporting nothing, while those bytes have not all
     * arrived: a failure must be the same value however the stream was split.
     */
    private boolean fail(ByteBuf in, List<Object> out, Failure failure, String reason) {
        int start = in.readerIndex();
        int windowEnd = start + EXCERPT_LENGTH;
        int newline = in.indexOf(start, Math.min(in.writerIndex(), windowEnd), (byte) '\n');
        if (newline < 0 && in.writerIndex() < windowEnd && !streamEnded) {
            return false;
        }
        int end = newline >= 0 ? newline : Math.min(in.writerIndex(), windowEnd);
        counters.countFailure(failure);
        out.add(new InvalidMessage(failure, reason, excerpt(in, start, end)));
        return true;
    }

    private void skip(ByteBuf in, int count) {
        counters.countSkipped(count);
        in.skipBytes(count);
    }

    /** Bytes as text an operator can read: printable ASCII as is, the rest escaped. */
    static String excerpt(ByteBuf in, int start, int end) {
        StringBuilder text = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            int b = in.getUnsignedByte(i);
            switch (b) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        text.append((char) b);
                    } else {
                        text.append(String.format("\\x%02X", b));
                    }
                }
            }
        }
        return text.toString();
    }
}
