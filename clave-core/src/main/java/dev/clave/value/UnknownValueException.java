package dev.clave.value;

import dev.clave.UnknownNameException;
import org.apiguardian.api.API;

import java.util.List;

/**
 * A value id or value-system id that does not exist. The message suggests the nearest valid id when one is close and
 * lists all of them: {@code Unknown value 'benevolance' of value system 'schwartz@1'. Did you mean 'benevolence'? Valid
 * values are: achievement, benevolence, ...}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class UnknownValueException extends UnknownNameException {

    private static final long serialVersionUID = 1L;

    public UnknownValueException(String what, String unknown, List<String> valid) {
        super(what, unknown, valid);
    }

    /**
     * @param what    what kind of id it is, e.g. "value of value system 'schwartz'"
     * @param unknown the id that was asked for
     * @param valid   the ids that exist
     * @param hint    text appended to the list of valid ids, e.g. ", or the path of a JSON file"
     */
    public UnknownValueException(String what, String unknown, List<String> valid, String hint) {
        super(what, unknown, valid, hint);
    }

    /**
     * @param what    what kind of name it is, e.g. "value"
     * @param unknown the name that was asked for
     * @param scope   where it was looked up, e.g. "with items in this probe"
     * @param valid   the names that exist there
     */
    public UnknownValueException(String what, String unknown, String scope, List<String> valid) {
        super(what, unknown, scope, valid, "");
    }

    /**
     * A value id that a value system does not define.
     *
     * @param valueSystem the value system, e.g. {@code schwartz@1}
     * @param unknown     the value id that was asked for
     * @param valid       the value system's value ids
     */
    public static UnknownValueException ofValue(String valueSystem, String unknown, List<String> valid) {
        return new UnknownValueException("value", unknown, "of value system '" + valueSystem + "'", valid);
    }
}
