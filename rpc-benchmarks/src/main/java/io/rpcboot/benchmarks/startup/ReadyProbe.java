package io.rpcboot.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Prints
 * {@code READY <JVM uptime ms> <Spring Boot's start-up time ms, -1 when unknown> <the process's CPU time ms, -1 when unknown>}
 * when the application is ready, as soon as it is: the runner reads the line's arrival as
 * the moment the application became ready. Then prints the CPU time by thread
 * ({@link ThreadCpu}), read after the line so that the reading does not delay it.
 */
public class ReadyProbe implements ApplicationListener<ApplicationReadyEvent> {

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        Duration taken = event.getTimeTaken();
        long cpu = StartupProbe.cpuMillis();
        System.out.println(StartupProbe.READY + uptime + " " + ((taken != null) ? taken.toMillis() : -1) + " " + cpu);
        System.out.flush();
        System.out.println(ThreadCpu.line("READY"));
        System.out.flush();
    }

}
