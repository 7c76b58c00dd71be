package org.ipc4j.region;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;

/**
 * What a shared object becomes when it is serialised: its class and name. Deserialising it in another
 * process calls the class's public static {@code open(String)}, so the receiver attaches the same memory,
 * as Python does when a Queue is passed in {@code Process(args=...)}.
 */
public final class SharedObjectHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String className;
    private final String name;

    public SharedObjectHandle(String className, String name) {
        this.className = className;
        this.name = name;
    }

    public String className() {
        return className;
    }

    public String name() {
        return name;
    }

    private Object readResolve() throws ObjectStreamException {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            // check the type before initialising it: a hostile stream may name any class
            Class<?> type = Class.forName(className, false, loader);
            if (!SharedObject.class.isAssignableFrom(type)) {
                throw new InvalidObjectException("'" + name + "': " + className + " is not an ipc4j shared object");
            }
            Class.forName(className, true, loader);
            return type.getMethod("open", String.class).invoke(null, name);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw invalid(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw invalid(e);
        }
    }

    private InvalidObjectException invalid(Throwable cause) {
        InvalidObjectException e = new InvalidObjectException("cannot attach " + className + " '" + name + "': " + cause);
        e.initCause(cause);
        return e;
    }
}
