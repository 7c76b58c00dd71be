package org.ipc4j.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.ipc4j.errors.CannotSendException;

/**
 * Serialises what is sent to a child JVM, and when that fails says which field holds the object that is
 * not serialisable ({@link NotSerializableException} names only its class).
 */
final class Serialization {
    private static final int MAX_DEPTH = 32;

    private Serialization() {
    }

    static byte[] toBytes(Object value, String what) {
        return toBytes(value, what, null);
    }

    /** Also adds to {@code classNames} (when not null) the application classes the serialised form names. */
    static byte[] toBytes(Object value, String what, Set<String> classNames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = classNames == null ? new ObjectOutputStream(bytes) : new ClassRecorder(bytes, classNames)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            String path = findNotSerializable(value, what, new IdentityHashMap<>(), 0);
            throw new CannotSendException("cannot send " + what + " to a child JVM: "
                    + (path != null ? path : e.getMessage() + " is not Serializable") + ". Make that class Serializable,"
                    + " pass the value it carries instead (a name, a handle, a number), or give a static method as the"
                    + " target (MyTasks::run) so that nothing is captured", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + what, e);
        }
        return bytes.toByteArray();
    }

    /** Notes the application classes written, and the class that declares each serialised lambda. */
    private static final class ClassRecorder extends ObjectOutputStream {
        private final Set<String> classNames;

        ClassRecorder(OutputStream out, Set<String> classNames) throws IOException {
            super(out);
            this.classNames = classNames;
            enableReplaceObject(true);
        }

        @Override
        protected void annotateClass(Class<?> type) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
                classNames.add(type.getName());
            }
        }

        @Override
        protected Object replaceObject(Object value) {
            if (value instanceof SerializedLambda lambda) {
                classNames.add(lambda.getCapturingClass().replace('/', '.'));
            }
            return value;
        }
    }

    /** The path to the first value in the graph that cannot be serialised, or null if none is found. */
    private static String findNotSerializable(Object value, String path, Map<Object, Boolean> seen, int depth) {
        if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (type.isPrimitive() || value instanceof String || value instanceof Number || value instanceof Enum<?>) {
            return null;
        }
        if (!(value instanceof Serializable) && !type.isArray()) {
            return path + " is a " + type.getName() + ", which is not Serializable";
        }
        SerializedLambda lambda = serializedLambda(value);
        if (lambda != null) {
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                Object arg = lambda.getCapturedArg(i);
                String found = findNotSerializable(arg, path + " captures " + describe(arg, i), seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return null;
            }
            for (int i = 0; i < Array.getLength(value); i++) {
                String found = findNotSerializable(Array.get(value, i), path + "[" + i + "]", seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                String found = findNotSerializable(element, path + " element " + i++, seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String found = findNotSerializable(entry.getValue(), path + "[" + entry.getKey() + "]", seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        for (Class<?> c = type; c != null && !c.getName().startsWith("java."); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    String found = findNotSerializable(field.get(value), path + "." + field.getName(), seen, depth + 1);
                    if (found != null) {
                        return found;
                    }
                } catch (RuntimeException | IllegalAccessException inaccessible) {
                    // a class of a named module: trust its own serialisation
                }
            }
        }
        return null;
    }

    private static String describe(Object arg, int index) {
        return "captured value #" + (index + 1) + (arg == null ? "" : " (" + arg.getClass().getSimpleName() + ")");
    }

    private static SerializedLambda serializedLambda(Object value) {
        if (!value.getClass().isSynthetic() && !value.getClass().getName().contains("$$Lambda")) {
            return null;
        }
        try {
            Method writeReplace = value.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(value);
            return replaced instanceof SerializedLambda lambda ? lambda : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
