package io.rpcboot.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The class-data-sharing archive each start-up application is measured with under
 * {@code --startup-archive}: on JDK 25 and later the AOT cache of JEP 483 and 514
 * ({@code -XX:AOTCacheOutput} in a training start, then {@code -XX:AOTMode=on
 * -XX:AOTCache}), before that a dynamic CDS archive ({@code -XX:ArchiveClassesAtExit},
 * then {@code -Xshare:on -XX:SharedArchiveFile}). The measured starts demand the archive
 * ({@code AOTMode=on}, {@code -Xshare:on}): a JVM that cannot use it fails rather than
 * start without it. The JVM archives classes from jars only, so the class path's folders
 * (the build's class folders) are packed into jars first, and every start of both
 * applications, trained or measured, runs on that class path.
 */
final class StartupArchive {

    private final Path directory;

    private final boolean aotCache;

    /**
     * Makes the archives' folder.
     * @param directory where the archives and the packed class folders go
     * @param feature the JDK's feature release, which chooses the kind of archive
     */
    StartupArchive(Path directory, int feature) {
        this.directory = directory;
        this.aotCache = feature >= 25;
        try {
            Files.createDirectories(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The archives of the runner's JDK in the build's {@code target/startup-archive}.
     * @return the archives
     */
    static StartupArchive inTarget() {
        Path classes = Path.of(StartupArchive.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path target = classes.getParent();
        return new StartupArchive(((target != null) ? target : classes).resolve("startup-archive"),
                Runtime.version().feature());
    }

    /**
     * Names the kind of archive.
     * @return a description for the report
     */
    String kind() {
        return this.aotCache ? "AOT cache (JEP 483/514)" : "dynamic CDS archive";
    }

    /**
     * Returns the class path with its folders packed into jars (once).
     * @param classPath the class path
     * @return the same entries, each folder replaced by a jar of its content
     */
    String jarsOnly(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            entries.add(Files.isDirectory(path) ? packed(path).toString() : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private Path packed(Path folder) {
        Path parent = folder.getParent();
        String name = ((parent != null && parent.getFileName() != null) ? parent.getFileName() + "-" : "")
                + folder.getFileName() + ".jar";
        Path jar = this.directory.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(folder)) {
            for (Path each : (Iterable<Path>) files.sorted()::iterator) {
                String entry = folder.relativize(each).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(each) && !entry.isEmpty()) {
                    // with its folders' entries, as a build's jar: Spring's component
                    // scan needs them
                    out.putNextEntry(new JarEntry(entry + "/"));
                    out.closeEntry();
                }
                else if (Files.isRegularFile(each)) {
                    out.putNextEntry(new JarEntry(entry));
                    Files.copy(each, out);
                    out.closeEntry();
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not pack " + folder + " into " + jar, ex);
        }
        return jar;
    }

    /**
     * Returns an application's archive.
     * @param application its label
     * @return the archive's file
     */
    Path file(String application) {
        String name = application.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return this.directory.resolve(name + (this.aotCache ? ".aot" : ".jsa"));
    }

    /**
     * Returns the flags of the training start, which writes the archive when it exits.
     * @param application its label
     * @return the flags
     */
    List<String> trainingFlags(String application) {
        return List.of((this.aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + file(application));
    }

    /**
     * Returns the flags of a measured start, which must use the archive.
     * @param application its label
     * @return the flags
     */
    List<String> usingFlags(String application) {
        return this.aotCache ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + file(application))
                : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + file(application));
    }

}
