package io.rpcboot.testing;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;

/**
 * Runs Spring AOT over a test application, as {@code spring-boot:process-aot} does over
 * an application's main class: the generated code and the runtime hints land in the
 * returned context.
 */
final class AotProcessing {

    private AotProcessing() {
    }

    static TestGenerationContext process(Class<?> application) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.register(application);
            TestGenerationContext generationContext = new TestGenerationContext();
            new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
            generationContext.writeGeneratedContent();
            return generationContext;
        }
    }

}
