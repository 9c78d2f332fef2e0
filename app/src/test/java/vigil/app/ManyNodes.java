package vigil.app;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import vigil.protocol.sim.SimulatedNode;

/**
 * {@code ManyNodes N OBJECTS}: N simulated nodes, each moving OBJECTS objects at 25 Hz, in a process
 * of their own so that a benchmark can tell the console's CPU from theirs. Prints the ports on one
 * line, then runs until its standard input closes.
 */
public final class ManyNodes {

    public static void main(String[] args) throws IOException, InterruptedException {
        int count = Integer.parseInt(args[0]);
        int objects = Integer.parseInt(args[1]);
        List<SimulatedNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withSeed(i).withObjects(objects)));
        }
        System.out.println(nodes.stream().map(node -> Integer.toString(node.port())).collect(Collectors.joining(",")));
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
        nodes.forEach(SimulatedNode::close);
        System.exit(0);
    }
}
