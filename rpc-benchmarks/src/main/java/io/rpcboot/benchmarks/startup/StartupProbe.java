package io.rpcboot.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.benchmarks.BootApplications;

/**
 * Runs one start-up of an application: starts it ({@link ReadyProbe} prints
 * {@code READY}), makes its {@link FirstCall} and prints
 * {@code CALLED <JVM uptime ms> <answer correct> <the process's CPU time ms>} and the CPU
 * time by thread ({@link ThreadCpu}), then prints {@code STARTER present} or
 * {@code STARTER absent} (whether rpcboot's auto-configuration is on the class path at
 * all) and exits. With {@code -Dstartup.steps=N} it also prints the start-up's {@code N}
 * longest steps ({@link StartupSteps}).
 */
public final class StartupProbe {

    /** The line printed when the application is ready. */
    public static final String READY = "READY ";

    /** The line printed when the first call answered. */
    public static final String CALLED = "CALLED ";

    /** The line that says whether rpcboot's auto-configuration is on the class path. */
    public static final String STARTER = "STARTER ";

    /** A class of rpcboot's auto-configuration, looked for after the measurement. */
    static final String AUTO_CONFIGURATION = "io.rpcboot.autoconfigure.RpcProperties";

    private StartupProbe() {
    }

    /**
     * Starts the application, makes its first call, reports, and exits the JVM.
     * @param application the {@code @SpringBootApplication} class
     * @param properties its properties, {@code key=value}
     */
    public static void run(Class<?> application, String... properties) {
        ConfigurableApplicationContext context = StartupSteps
            .record(() -> BootApplications.run(application, WebApplicationType.NONE, properties), System.out);
        boolean correct = context.getBean(FirstCall.class).call();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println(CALLED + uptime + " " + correct + " " + cpuMillis());
        System.out.println(ThreadCpu.line("CALLED"));
        System.out.println(STARTER + (starterPresent() ? "present" : "absent"));
        System.out.flush();
        context.close();
        System.exit(correct ? 0 : 1);
    }

    /**
     * Returns the CPU time (user and system, every thread, the JVM's own included) the
     * process has used so far: on a shared machine a far steadier measure of the work
     * done than the wall-clock time, which waits for other processes' turns.
     * @return the CPU time in milliseconds, or {@code -1} when the platform does not say
     */
    static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    private static boolean starterPresent() {
        try {
            Class.forName(AUTO_CONFIGURATION, false, StartupProbe.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException ex) {
            return false;
        }
    }

}
