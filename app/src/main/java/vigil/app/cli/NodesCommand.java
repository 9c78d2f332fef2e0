package vigil.app.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.app.operators.Accounts;
import vigil.protocol.link.NodeAddress;
import vigil.storage.NodeNames;
import vigil.storage.Storage;

/** {@code vigil nodes}: the nodes the store knows, and the names operators give them. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "List the nodes the store knows, and name them (\"North apron\"): the console, exports and alerts show the name, with the address as detail.",
        subcommands = {NodesCommand.ListNodes.class, NodesCommand.Name.class})
public final class NodesCommand {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every node heard from or named: address, name, last heard from.")
    static final class ListNodes implements Callable<Integer> {
        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                for (NodeNames.Known node : storage.nodeNames().known()) {
                    System.out.printf("%-21s  %-30s  last heard %s%n", node.address(), node.name() == null ? "-" : node.name(),
                            LOCAL.format(node.lastSeen()));
                }
            }
            return 0;
        }
    }

    @Command(name = "name", mixinStandardHelpOptions = true, description = "Name a node (an empty NAME takes its name away); sealed in the operator log.")
    static final class Name implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "HOST:PORT")
        String address;

        @Parameters(index = "1", paramLabel = "NAME", description = "Up to 60 letters, digits, spaces and . _ ' ( ) / -.")
        String name;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws InterruptedException {
            NodeAddress node;
            try {
                node = NodeAddress.parse(address);
            } catch (IllegalArgumentException wrong) {
                throw new ParameterException(spec.commandLine(), wrong.getMessage());
            }
            try (Storage storage = data.open()) {
                storage.nodeNames().name(node, name, Accounts.commandLineUser()).get();
                System.out.println(storage.nodeNames().withAddress(node));
                return 0;
            } catch (ExecutionException e) {
                System.err.println("vigil nodes name: " + e.getCause().getMessage());
                return 1;
            } catch (IllegalArgumentException refused) {
                throw new ParameterException(spec.commandLine(), refused.getMessage());
            }
        }
    }
}
