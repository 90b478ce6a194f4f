package dev.clave.value;

import dev.clave.ClaveConfigurationException;
import dev.clave.internal.Printable;
import org.apiguardian.api.API;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notEmpty;

/**
 * A named, versioned set of {@link Value}s, such as the Schwartz basic values. Built-in systems come from
 * {@link ValueSystems#builtIn(String)}; a user-defined system loads from a JSON file with the same schema
 * through {@link ValueSystems#load(java.nio.file.Path)}.
 *
 * <p>The {@code version} is part of every cache key and calibration hash: change it whenever a definition
 * changes, so that nothing extracted or trained under the old definitions is reused.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ValueSystem(String id, String name, String version, String description, List<Value> values) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public ValueSystem {
        notBlank(id, "value system id");
        if (!ID.matcher(id).matches()) {
            throw new ClaveConfigurationException("value system id must be lower case letters, digits and hyphens, but is: '" + Printable.escape(id) + "'");
        }
        name = name == null || name.isBlank() ? id : name;
        notBlank(version, "value system version");
        description = description == null ? "" : description;
        notEmpty(values, "values of value system '" + id + "'");
        values = List.copyOf(values);
        Map<String, Value> seen = new LinkedHashMap<>();
        for (Value value : values) {
            if (!ID.matcher(value.id()).matches()) {
                throw new ClaveConfigurationException("value id in value system '" + id
                        + "' must be lower case letters, digits and hyphens, but is: '" + Printable.escape(value.id()) + "'");
            }
            if (seen.put(value.id(), value) != null) {
                throw new ClaveConfigurationException("value system '" + id + "' defines value '" + value.id() + "' twice");
            }
        }
    }

    /** The value ids in definition order. */
    public List<String> valueIds() {
        return values.stream().map(Value::id).toList();
    }

    /** Whether this system has a value with that id. */
    public boolean contains(String valueId) {
        for (Value value : values) {
            if (value.id().equals(valueId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value with that id.
     *
     * @throws UnknownValueException listing the valid ids when there is none
     */
    public Value value(String valueId) {
        for (Value value : values) {
            if (value.id().equals(valueId)) {
                return value;
            }
        }
        throw unknownValue(valueId);
    }

    /** Position of the value in {@link #values()}. @throws UnknownValueException when there is none */
    public int indexOf(String valueId) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).id().equals(valueId)) {
                return i;
            }
        }
        throw unknownValue(valueId);
    }

    /** The exception for a value id this system does not define; its message lists the valid ids. */
    public UnknownValueException unknownValue(String valueId) {
        return UnknownValueException.ofValue(id, String.valueOf(valueId), valueIds());
    }

    /** {@code id@version}, the form used in cache keys, artifacts and reports. */
    public String qualifiedId() {
        return id + "@" + version;
    }
}
