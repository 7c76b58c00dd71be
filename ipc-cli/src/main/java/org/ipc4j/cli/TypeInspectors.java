package org.ipc4j.cli;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.ipc4j.region.ObjectType;

/** The live state of each type of object, as name -> value pairs, read through the public API. */
final class TypeInspectors {
    private static final Map<ObjectType, Function<String, Map<String, Object>>> BY_TYPE = new EnumMap<>(ObjectType.class);

    private TypeInspectors() {
    }

    /** Type-specific state of {@code name}, or an empty map where the tool knows nothing more than the header. */
    static Map<String, Object> inspect(ObjectType type, String name) {
        Function<String, Map<String, Object>> inspector = type == null ? null : BY_TYPE.get(type);
        return inspector == null ? new LinkedHashMap<>() : inspector.apply(name);
    }
}
