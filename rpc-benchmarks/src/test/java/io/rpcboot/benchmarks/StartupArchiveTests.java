package io.rpcboot.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpcboot.benchmarks.StartupCost.ClassSources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class-data-sharing archive of {@code run.sh --startup --startup-archive}: the flags
 * of each JDK, the class path made of jars only, and the check that a start loaded its
 * classes from the archive.
 */
class StartupArchiveTests {

    @TempDir
    Path directory;

    @Test
    void beforeJdk25TheMeasuredStartsDemandTheDynamicArchiveTheTrainingStartWrote() {
        StartupArchive archive = new StartupArchive(this.directory, 17);
        Path file = this.directory.resolve("with-the-starter.jsa");
        assertThat(archive.file("with the starter")).isEqualTo(file);
        assertThat(archive.trainingFlags("with the starter")).containsExactly("-XX:ArchiveClassesAtExit=" + file);
        assertThat(archive.usingFlags("with the starter")).containsExactly("-Xshare:on",
                "-XX:SharedArchiveFile=" + file);
    }

    @Test
    void fromJdk25TheMeasuredStartsDemandTheAotCacheTheTrainingStartWrote() {
        StartupArchive archive = new StartupArchive(this.directory, 25);
        Path file = this.directory.resolve("without-rpcboot.aot");
        assertThat(archive.trainingFlags("without rpcboot")).containsExactly("-XX:AOTCacheOutput=" + file);
        assertThat(archive.usingFlags("without rpcboot")).containsExactly("-XX:AOTMode=on", "-XX:AOTCache=" + file);
    }

    @Test
    void theClassPathsFoldersArePackedIntoJarsWithTheirFolderEntriesAndItsJarsKept() throws IOException {
        Path classes = Files.createDirectories(this.directory.resolve("module/target/classes"));
        Files.createDirectories(classes.resolve("com/example"));
        Files.writeString(classes.resolve("com/example/App.class"), "bytes");
        Path jar = this.directory.resolve("library.jar");
        StartupArchive archive = new StartupArchive(this.directory.resolve("archive"), 17);
        String classPath = archive.jarsOnly(classes + File.pathSeparator + jar);
        Path packed = this.directory.resolve("archive/target-classes.jar");
        assertThat(classPath.split(File.pathSeparator)).containsExactly(packed.toString(), jar.toString());
        try (JarFile file = new JarFile(packed.toFile())) {
            List<String> names = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).containsExactly("com/", "com/example/", "com/example/App.class");
        }
    }

    @Test
    void theClassesBeforeReadyAreCountedAndTheApplicationsOwnMustComeFromTheArchive() {
        ClassSources sources = new ClassSources("com.example.App");
        sources.accept("[0.010s][info][class,load] java.lang.Object source: shared objects file");
        sources.accept("[0.500s][info][class,load] com.example.App source: shared objects file (top)");
        sources.accept("[0.600s][info][class,load] com.example.Other source: file:/app.jar");
        sources.accept("READY 600 400 900");
        sources.accept("[0.700s][info][class,load] com.example.Late source: file:/app.jar");
        assertThat(sources.total).isEqualTo(3);
        assertThat(sources.shared).isEqualTo(2);
        assertThat(sources.applicationShared).isTrue();
        ClassSources notShared = new ClassSources("com.example.App");
        notShared.accept("[0.500s][info][class,load] com.example.App source: file:/app.jar");
        assertThat(notShared.applicationShared).isFalse();
    }

}
