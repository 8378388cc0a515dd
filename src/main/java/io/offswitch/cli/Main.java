package io.offswitch.cli;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: parses the command line and maps every failure to a documented exit code. */
@Command(name = "offswitch", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "What does an AI agent do when it learns it is about to be shut down? Runs the experiment in real sandboxes.",
        subcommands = {RunCommand.class, JudgeCommand.class, MonitorCommand.class, ReportCommand.class, ShowCommand.class, ListCommand.class, ViewCommand.class, ExportCommand.class, ImportCommand.class, StoreCommand.class, WorkerCommand.class, BenchCommand.class,
            DoctorCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok; 1 failure; 2 bad input; 3 machine lacks a requirement (see `offswitch doctor`);",
            "4 run incomplete (episodes not run or ended as error; run the same command to resume);",
            "5 a model provider refused the key or the model (the run stopped); 130 interrupted."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        io.offswitch.JvmExit.onUnfinishedCleanup(message -> System.err.println("offswitch: " + message));
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof OffswitchException oe) {
                commandLine.getErr().println("offswitch: " + oe.getMessage());
                return oe.exitCode().code();
            }
            if (e instanceof InterruptedException) {
                commandLine.getErr().println("offswitch: interrupted");
                return ExitCode.INTERRUPTED.code();
            }
            commandLine.getErr().println("offswitch: unexpected failure: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCode.FAILURE.code();
        });
        cli.setExitCodeExceptionMapper(e -> ExitCode.USAGE.code());
        // A mistyped option gets its error and a pointer to --help, not 90 lines of usage that scroll it away.
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("offswitch: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            failed.getErr().println("See `" + failed.getCommandSpec().qualifiedName() + " --help` for the options.");
            return ExitCode.USAGE.code();
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"offswitch " + Version.current().display()};
        }
    }
}
