package vigil.protocol.wire;

import java.util.List;

/** {@code AR_AC:OK,…} (or {@code AH_AC:…}): the eight zones' levels in zone order. */
public record AuthorityLevels(Dialect dialect, List<AuthorityLevel> levels) implements Reply {

    public AuthorityLevels {
        levels = List.copyOf(levels);
        if (levels.size() != Area.ZONES.size()) {
            throw new IllegalArgumentException("eight levels expected, got " + levels.size());
        }
    }

    @Override
    public MessageType type() {
        return MessageType.AR_AC;
    }
}
