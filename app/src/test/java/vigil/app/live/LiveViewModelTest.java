package vigil.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.app.console.Console;
import vigil.app.console.Tasks;
import vigil.app.map.MapFrame;
import vigil.protocol.link.LinkSettings;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;
import vigil.protocol.wire.RunwayStateChanged;

/** The live ViewModel over a site state fed directly (its link is never started), with no toolkit. */
class LiveViewModelTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicLong clock = new AtomicLong(5_000_000);
    private final NodeAddress address = new NodeAddress("node", 5100);
    private final SiteState site = new SiteState(address, 2_000, clock::get);
    private final NodeLink link = new NodeLink(address, group, LinkSettings.defaults(), site);
    private final LiveViewModel model = new LiveViewModel(List.of(new Console.Node(link, site)), Tasks.sameThread(), 2_000);

    @AfterEach
    void stop() {
        group.shutdownGracefully();
    }

    @Test
    void aQuietSiteIsNotRedrawn() {
        assertNotNull(model.frame(clock.get(), false), "the first frame is drawn");
        assertNull(model.frame(clock.get(), false));
        assertNotNull(model.frame(clock.get(), true), "unless forced (a resize, a theme)");
    }

    @Test
    void eachFrameTakesOnlyTheNewestSnapshot() {
        model.frame(clock.get(), false);
        for (int x = 0; x < 10; x++) {
            site.onMessage(link, new ObjectSnapshot(List.of(new DetectedObject(9, ObjectClass.VEHICLE, 100 + x, 100, Area.GRASS_A, null))));
        }
        MapFrame frame = model.frame(clock.get(), false);
        assertEquals(1, frame.objects().size());
        assertEquals(109, frame.objects().getFirst().x());
        assertNotNull(model.frame(clock.get(), false), "objects on the map keep it animating (fading)");
    }

    @Test
    void theSiteStatusFollowsTheNode() {
        assertNull(model.runwayProperty(Runway.A).get());
        assertNull(model.birdRiskProperty().get());
        site.onMessage(link, new RunwayStateChanged(Runway.A, RunwayState.WARNING));
        site.onMessage(link, new BirdRiskChanged(BirdRisk.MEDIUM));
        model.frame(clock.get(), false);
        assertEquals(RunwayState.WARNING, model.runwayProperty(Runway.A).get());
        assertNull(model.runwayProperty(Runway.B).get());
        assertEquals(BirdRisk.MEDIUM, model.birdRiskProperty().get());
    }

    @Test
    void tabSelectsEachObjectInTurnAndTheSelectionFollowsItsObject() {
        site.onMessage(link, new ObjectSnapshot(List.of(new DetectedObject(1, ObjectClass.FOD, 10, 10, Area.RWY_A, null),
                new DetectedObject(2, ObjectClass.FOD, 20, 20, Area.RWY_A, null))));
        model.frame(clock.get(), false);
        model.selectNext();
        assertEquals(1, model.selectedProperty().get().id());
        model.selectNext();
        assertEquals(2, model.selectedProperty().get().id());
        site.onMessage(link, new ObjectSnapshot(List.of(new DetectedObject(2, ObjectClass.FOD, 25, 20, Area.RWY_A, null))));
        assertEquals(25, model.frame(clock.get(), false).selected().x(), "the frame carries the selection's newest position");
        model.selectNext();
        assertEquals(1, model.selectedProperty().get().id(), "wraps around");
    }

    @Test
    void withSeveralNodesTheWorseOfWhatTheyKnowIsShown() {
        NodeAddress otherAddress = new NodeAddress("other", 5100);
        SiteState other = new SiteState(otherAddress, 2_000, clock::get);
        NodeLink otherLink = new NodeLink(otherAddress, group, LinkSettings.defaults(), other);
        LiveViewModel both = new LiveViewModel(List.of(new Console.Node(link, site), new Console.Node(otherLink, other)),
                Tasks.sameThread(), 2_000);

        other.onMessage(otherLink, new RunwayStateChanged(Runway.B, RunwayState.WARNING));
        other.onMessage(otherLink, new BirdRiskChanged(BirdRisk.LOW));
        other.onMessage(otherLink, new AuthorityLevels(Dialect.AR, levels(2, 2, 2, 2, 3, 3, 1, 1)));
        MapFrame frame = both.frame(clock.get(), false);
        assertEquals(RunwayState.WARNING, both.runwayProperty(Runway.B).get(), "the first node has said nothing: the other's word stands");
        assertNull(both.runwayProperty(Runway.A).get());
        assertEquals(BirdRisk.LOW, both.birdRiskProperty().get());
        assertEquals(levels(2, 2, 2, 2, 3, 3, 1, 1), frame.levels());
        assertEquals(Set.of(), frame.disputedZones());

        site.onMessage(link, new RunwayStateChanged(Runway.B, RunwayState.CLEAR));
        site.onMessage(link, new BirdRiskChanged(BirdRisk.HIGH));
        site.onMessage(link, new AuthorityLevels(Dialect.AR, levels(2, 2, 2, 2, 3, 3, 3, 1)));
        frame = both.frame(clock.get(), false);
        assertEquals(RunwayState.WARNING, both.runwayProperty(Runway.B).get(), "one node's CLEAR does not hide another's WARNING");
        assertEquals(BirdRisk.HIGH, both.birdRiskProperty().get());
        assertEquals(levels(2, 2, 2, 2, 3, 3, 3, 1), frame.levels(), "the strictest level of each zone");
        assertEquals(Set.of(Area.GRASS_A), frame.disputedZones());

        other.onMessage(otherLink, new AuthorityLevels(Dialect.AR, levels(2, 2, 2, 2, 3, 3, 3, 1)));
        assertEquals(Set.of(), both.frame(clock.get(), false).disputedZones(), "agreeing again");
    }

    private static List<AuthorityLevel> levels(int... codes) {
        return Arrays.stream(codes).mapToObj(AuthorityLevel::fromCode).toList();
    }
}
