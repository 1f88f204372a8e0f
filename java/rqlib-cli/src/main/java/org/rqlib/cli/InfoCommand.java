package org.rqlib.cli;

import java.util.concurrent.Callable;
import org.rqlib.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rq info}: version, platform and the kernel in use. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the version, platform, and the symbol kernel in use (and why).")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("rq " + VersionProvider.version());
        out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        out.println(Kernels.info().describe());
        out.flush();
        return 0;
    }
}
