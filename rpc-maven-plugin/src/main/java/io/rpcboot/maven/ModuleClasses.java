package io.rpcboot.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads the compiled classes of a module, with its compile classpath, in a class loader
 * whose parent is the plugin's: rpcboot's annotations and Jackson are the plugin's own,
 * so the classes' annotations are the ones the plugin looks for. Classes are loaded, not
 * initialized: no static initializer of the module runs.
 */
final class ModuleClasses {

    private ModuleClasses() {
    }

    /**
     * Loads every class of a directory and applies a function to them while their class
     * loader is open.
     * @param classesDirectory the module's compiled classes
     * @param classpath the module's compile classpath (the classes directory may be part
     * of it)
     * @param warnings receives one line per class that cannot be loaded
     * @param work what to do with the classes
     * @param <T> the result type
     * @return the function's result
     */
    static <T> T withClasses(File classesDirectory, List<String> classpath, Consumer<String> warnings,
            Function<List<Class<?>>, T> work) {
        List<URL> urls = new ArrayList<>();
        urls.add(url(classesDirectory));
        classpath.forEach((element) -> urls.add(url(new File(element))));
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ModuleClasses.class.getClassLoader())) {
            List<Class<?>> classes = new ArrayList<>();
            for (String name : classNames(classesDirectory.toPath())) {
                try {
                    classes.add(Class.forName(name, false, loader));
                }
                catch (ClassNotFoundException | LinkageError ex) {
                    warnings.accept("cannot load " + name + ": " + ex);
                }
            }
            return work.apply(classes);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> classNames(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter((file) -> file.toString().endsWith(".class"))
                .map((file) -> directory.relativize(file).toString())
                .filter((file) -> !file.endsWith("module-info.class") && !file.endsWith("package-info.class"))
                .map((file) -> file.substring(0, file.length() - ".class".length()).replace(File.separatorChar, '.'))
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot list " + directory, ex);
        }
    }

    private static URL url(File file) {
        try {
            return file.toURI().toURL();
        }
        catch (MalformedURLException ex) {
            throw new IllegalArgumentException(file + " is not a valid class path element", ex);
        }
    }

}
