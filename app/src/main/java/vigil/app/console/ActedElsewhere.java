package vigil.app.console;

import vigil.storage.Incident;
import vigil.storage.IncidentAction;

/** An action another desk of a shared store took, with the incident as it left it. */
public record ActedElsewhere(Incident incident, IncidentAction action) {
}
