package io.rpcboot.benchmarks.startup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

/**
 * The profile of one start-up, when asked for with {@code -Dstartup.steps=N}: Spring's
 * start-up steps recorded by a {@link BufferingApplicationStartup}, of which the
 * {@code N} longest are printed, each with its own time (its duration less its nested
 * steps') and its tags (the bean's name, for a bean's creation). Not part of the measured
 * runs: recording the steps costs start-up time of its own.
 */
final class StartupSteps {

    /** The system property that asks for the profile: the number of steps printed. */
    static final String PROPERTY = "startup.steps";

    private static final int CAPACITY = 16384;

    private final BufferingApplicationStartup startup = new BufferingApplicationStartup(CAPACITY);

    private final int printed;

    private StartupSteps(int printed) {
        this.printed = printed;
    }

    /**
     * Runs the start-up, recording its steps when {@value #PROPERTY} asks for them.
     * @param <T> what the start-up returns
     * @param run the start-up
     * @param out where the steps are printed
     * @return what the start-up returned
     */
    static <T> T record(Supplier<T> run, PrintStream out) {
        int printed = Integer.getInteger(PROPERTY, 0);
        if (printed <= 0) {
            return run.get();
        }
        StartupSteps steps = new StartupSteps(printed);
        T result = SpringApplication.withHook(steps::listener, run::get);
        steps.print(out);
        return result;
    }

    private SpringApplicationRunListener listener(SpringApplication application) {
        application.setApplicationStartup(this.startup);
        return new SpringApplicationRunListener() {
        };
    }

    private void print(PrintStream out) {
        List<TimelineEvent> events = this.startup.getBufferedTimeline().getEvents();
        Map<Long, Duration> nested = new HashMap<>();
        for (TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                nested.merge(parent, event.getDuration(), Duration::plus);
            }
        }
        List<Step> steps = new ArrayList<>();
        for (TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            Duration own = event.getDuration().minus(nested.getOrDefault(step.getId(), Duration.ZERO));
            StringBuilder tags = new StringBuilder();
            step.getTags().forEach((tag) -> tags.append(' ').append(tag.getKey()).append('=').append(tag.getValue()));
            steps.add(new Step(step.getName() + tags, event.getDuration().toMillis(), own.toMillis()));
        }
        out.println("STEPS by own time (ms: own, total), of " + steps.size() + " recorded:");
        steps.stream()
            .sorted(Comparator.comparingLong(Step::ownMillis).reversed())
            .limit(this.printed)
            .forEach((step) -> out.printf(Locale.ROOT, "  %5d %5d  %s%n", step.ownMillis(), step.totalMillis(),
                    step.name()));
        out.flush();
    }

    private record Step(String name, long totalMillis, long ownMillis) {
    }

}
