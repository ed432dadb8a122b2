package uk.ectmentor.core.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to one YAML mapping that remembers where each value stood, so every error
 * names the file, the line and the field.
 */
final class YamlFields {
    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, Node> fields = new LinkedHashMap<>();

    YamlFields(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, path.isEmpty() ? "(document)" : path, "expected a mapping of field: value");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(tuple.getKeyNode(), path, "field names must be plain words");
            }
            if (fields.put(key.getValue(), tuple.getValueNode()) != null) {
                throw error(key, qualified(key.getValue()), "appears twice");
            }
        }
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    String qualified(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    String string(String field) {
        Node value = fields.get(field);
        if (value == null) {
            throw error(node, qualified(field), "is missing");
        }
        String text = scalar(field, value);
        if (text.isBlank()) {
            throw error(value, qualified(field), "is empty");
        }
        return text.strip();
    }

    String optionalString(String field) {
        Node value = fields.get(field);
        if (value == null || (value instanceof ScalarNode s && s.getValue().isEmpty())) {
            return null;
        }
        return scalar(field, value).strip();
    }

    int integer(String field) {
        Node value = fields.get(field);
        if (value == null) {
            throw error(node, qualified(field), "is missing");
        }
        return parseInt(field, value);
    }

    Integer optionalInteger(String field) {
        Node value = fields.get(field);
        return value == null ? null : parseInt(field, value);
    }

    boolean bool(String field, boolean fallback) {
        Node value = fields.get(field);
        if (value == null) {
            return fallback;
        }
        String text = scalar(field, value).strip();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw error(value, qualified(field), "must be true or false, not '" + text + "'");
    }

    List<String> strings(String field) {
        Node value = fields.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode seq)) {
            throw error(value, qualified(field), "expected a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(scalar(field + "[" + i + "]", seq.getValue().get(i)).strip());
        }
        return out;
    }

    YamlFields mapping(String field) {
        Node value = fields.get(field);
        if (value == null) {
            throw error(node, qualified(field), "is missing");
        }
        return new YamlFields(file, qualified(field), value);
    }

    List<YamlFields> list(String field) {
        Node value = fields.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode seq)) {
            throw error(value, qualified(field), "expected a list");
        }
        List<YamlFields> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new YamlFields(file, qualified(field) + "[" + i + "]", seq.getValue().get(i)));
        }
        return out;
    }

    /** The entries of a list of mappings, each read only when asked, so one bad entry does not hide the rest. */
    List<java.util.function.Supplier<YamlFields>> items(String field) {
        Node value = fields.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode seq)) {
            throw error(value, qualified(field), "expected a list");
        }
        List<java.util.function.Supplier<YamlFields>> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            String itemPath = qualified(field) + "[" + i + "]";
            Node item = seq.getValue().get(i);
            out.add(() -> new YamlFields(file, itemPath, item));
        }
        return out;
    }

    /** The names of all fields present, in file order. */
    java.util.Set<String> names() {
        return fields.keySet();
    }

    ContentException error(String field, String problem) {
        Node value = fields.getOrDefault(field, node);
        return error(value, qualified(field), problem);
    }

    private int parseInt(String field, Node value) {
        String text = scalar(field, value).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(value, qualified(field), "must be a whole number, not '" + text + "'");
        }
    }

    private String scalar(String field, Node value) {
        if (!(value instanceof ScalarNode s)) {
            throw error(value, qualified(field), "expected a single value");
        }
        return s.getValue();
    }

    private ContentException error(Node at, String field, String problem) {
        return new ContentException(file, at.getStartMark().getLine() + 1, field, problem);
    }
}
