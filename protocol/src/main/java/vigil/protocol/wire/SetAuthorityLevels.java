package vigil.protocol.wire;

import java.util.List;
import java.util.stream.Collectors;

/** {@code AC_UA:l1,…,l8}: set the eight zones' levels, in zone order. */
public record SetAuthorityLevels(List<AuthorityLevel> levels) implements Command<AuthorityUpdated> {

    public SetAuthorityLevels {
        levels = List.copyOf(levels);
        if (levels.size() != Area.ZONES.size()) {
            throw new IllegalArgumentException("eight levels expected, got " + levels.size());
        }
    }

    @Override
    public MessageType type() {
        return MessageType.AC_UA;
    }

    @Override
    public MessageType replyType() {
        return MessageType.AR_UA;
    }

    @Override
    public String text() {
        return levels.stream().map(level -> Integer.toString(level.code())).collect(Collectors.joining(",", "AC_UA:", ""));
    }
}
