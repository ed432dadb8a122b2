package uk.ectmentor.core.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads session files (YAML, one session a file) from the built-in pack on the class path
 * and from a directory on disk. Any mistake stops the load with the file, line and field.
 */
public final class ContentLoader {
    /** Class-path folder of the built-in pack; {@code index.txt} in it lists the files. */
    public static final String BUILT_IN = "content";

    private ContentLoader() {
    }

    /** The built-in pack, then every session file under {@code overrides} (if given) replacing by id. */
    public static ContentPack load(Path overrides) {
        Map<String, Session> sessions = new HashMap<>();
        for (Session s : builtIn()) {
            sessions.put(s.id(), s);
        }
        if (overrides != null) {
            for (Session s : directory(overrides)) {
                sessions.put(s.id(), s);
            }
        }
        return new ContentPack(sessions.values());
    }

    public static List<Session> builtIn() {
        ClassLoader loader = ContentLoader.class.getClassLoader();
        List<Session> out = new ArrayList<>();
        for (String name : index(loader)) {
            String resource = BUILT_IN + "/" + name;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ContentException(BUILT_IN + "/index.txt", 0, "index", "lists " + name + ", which does not exist");
                }
                out.add(parse(resource, new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static List<Session> directory(Path dir) {
        List<Session> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(ContentLoader::isSessionFile).sorted().toList()) {
                Session s = parse(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8));
                String earlier = seen.put(s.id(), file.toString());
                if (earlier != null) {
                    throw new ContentException(file.toString(), 1, "id", "'" + s.id() + "' is also used by " + earlier);
                }
                out.add(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read content directory " + dir, e);
        }
        return out;
    }

    private static boolean isSessionFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    public static Session parse(String fileName, String text) {
        return parse(fileName, new StringReader(text));
    }

    public static Session parse(String fileName, Reader reader) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by YamlFields with the line
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ContentException(fileName, line, "(syntax)", e.getProblem());
        } catch (YAMLException e) {
            // e.g. control characters the YAML reader refuses; it gives no line
            throw new ContentException(fileName, 1, "(syntax)", e.getMessage().lines().findFirst().orElse("unreadable YAML"));
        }
        if (root == null) {
            throw new ContentException(fileName, 1, "(document)", "the file is empty");
        }
        return SessionReader.read(new YamlFields(fileName, "", root), fileName);
    }

    private static List<String> index(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(BUILT_IN + "/index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
