package vigil.app.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vigil.app.console.Tasks;
import vigil.app.operators.Desk;
import vigil.app.operators.Passwords;
import vigil.app.operators.SignIn;
import vigil.storage.OperatorEvent;

/**
 * The band over the work area while the desk is locked: the live map and pop-ups stay in view and
 * keep sounding below it. Name, Tab, password, Enter signs in; on a store with no admin it makes
 * the first one. A refusal clears the password and holds the next try for its delay. The note of
 * the outgoing operator waits here for the next.
 */
final class LockScreen {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Desk desk;
    private final Tasks tasks;
    private final Consumer<SignIn.Accepted> signedIn;
    private final Consumer<SignIn.Refused> refusedAlert;
    private final VBox band = new VBox(8);
    private final Label title = new Label();
    private final Label handover = new Label();
    private final Label message = new Label();
    private final TextField name = new TextField();
    private final TextField displayName = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField repeat = new PasswordField();
    private final Button submit = new Button();
    private final HBox fields = new HBox(10);
    private final PauseTransition hold = new PauseTransition();
    private boolean firstAdmin;

    /** {@code signedIn} hears each sign-in; {@code refusedAlert} each refusal that raised the too-many-in-a-row alert. */
    LockScreen(Desk desk, Tasks tasks, Consumer<SignIn.Accepted> signedIn, Consumer<SignIn.Refused> refusedAlert) {
        this.desk = desk;
        this.tasks = tasks;
        this.signedIn = signedIn;
        this.refusedAlert = refusedAlert;
        band.setId("lock-screen");
        band.getStyleClass().add("lock-screen");
        band.setPadding(new Insets(14, 18, 14, 18));
        title.getStyleClass().add("lock-title");
        handover.setId("lock-handover");
        handover.getStyleClass().add("lock-handover");
        handover.setWrapText(true);
        message.setId("lock-message");
        message.getStyleClass().add("lock-message");
        name.setId("sign-in-name");
        name.setPromptText("name");
        name.setPrefColumnCount(14);
        displayName.setId("sign-in-display-name");
        displayName.setPromptText("display name (optional)");
        displayName.setPrefColumnCount(16);
        password.setId("sign-in-password");
        password.setPromptText("password");
        password.setPrefColumnCount(14);
        repeat.setId("sign-in-repeat");
        repeat.setPromptText("password again");
        repeat.setPrefColumnCount(14);
        submit.setId("sign-in");
        submit.setDefaultButton(false);
        submit.getStyleClass().add("accent");
        submit.setMinWidth(Region.USE_PREF_SIZE);
        submit.setOnAction(e -> submit());
        for (TextField field : new TextField[] {name, displayName, password, repeat}) {
            field.setOnAction(e -> submit()); // Enter in any field
        }
        fields.setAlignment(Pos.CENTER_LEFT);
        band.getChildren().addAll(title, handover, fields, message);
        hold.setOnFinished(e -> submit.setDisable(false));
    }

    Node node() {
        return band;
    }

    /**
     * Shows the band afresh, the name field focused: the sign-in form at once, then, read off the FX
     * thread (a shared store may be slow or away), the first admin's form on a store with no admin
     * and the handover note. A store that cannot be read is said in words; the form stays.
     */
    void show(boolean idle) {
        Instant since = Instant.now();
        password.clear();
        repeat.clear();
        form(since, idle);
        message.getStyleClass().remove("danger");
        name.requestFocus();
        tasks.run(() -> new Standing(!desk.accounts().anyAdmin(), desk.pendingHandover().orElse(null)), standing -> {
            if (standing.firstAdmin() != firstAdmin) { // re-laid only on a change: that would take the focus from the fields
                firstAdmin = standing.firstAdmin();
                form(since, idle);
                name.requestFocus();
            }
            OperatorEvent note = standing.handover();
            handover.setText(note == null ? "" : "Handover from " + note.operator() + " at " + CLOCK.format(note.at()) + ": "
                    + (note.detail() == null ? "(no note)" : note.detail()));
            handover.setManaged(note != null);
            handover.setVisible(note != null);
        }, unreadable -> setMessage("The accounts cannot be read now (" + unreadable.getMessage() + "): signing in waits for the store;"
                + " alarms still show and sound.", true));
    }

    /** Whether the store has an admin yet, and the handover note waiting, as the band last read them. */
    private record Standing(boolean firstAdmin, OperatorEvent handover) {
    }

    private void form(Instant since, boolean idle) {
        if (firstAdmin) {
            title.setText("Welcome to Vigil. Make the first admin: they will add the other operators.");
            fields.getChildren().setAll(name, displayName, password, repeat, submit);
            submit.setText("Create admin and sign in");
            message.setText("Vigil is already watching and recording; the map below is live. A password has at least "
                    + Passwords.MIN_LENGTH + " characters.");
        } else {
            title.setText("LOCKED" + (idle ? " after no input" : "") + " since " + CLOCK.format(since)
                    + ": alarms still show and sound; sign in to act.");
            fields.getChildren().setAll(name, password, submit);
            submit.setText("Sign in");
            message.setText("");
        }
    }

    /** Says what a key or a click would have done, had someone been signed in. */
    void refused(String what) {
        setMessage("Sign in first: " + what + " waits for an operator.", true);
    }

    void focus() {
        (name.getText().isBlank() ? name : password).requestFocus();
    }

    private void submit() {
        if (submit.isDisabled()) {
            return;
        }
        char[] typed = password.getText().toCharArray();
        String who = name.getText();
        if (who.isBlank()) {
            setMessage("Type your name, then Tab, then your password.", true);
            name.requestFocus();
            return;
        }
        if (firstAdmin) {
            String weakness = Passwords.weakness(typed);
            if (weakness != null || !Arrays.equals(typed, repeat.getText().toCharArray())) {
                setMessage(weakness != null ? weakness : "the two passwords differ", true);
                password.clear();
                repeat.clear();
                password.requestFocus();
                return;
            }
        }
        setMessage(firstAdmin ? "Making the account…" : "Checking…", false);
        String display = displayName.getText();
        boolean first = firstAdmin;
        run(() -> first ? new SignIn.Accepted(desk.createFirstAdmin(who, display, typed), null) : desk.signIn(who, typed));
    }

    /**
     * Signs in with a name and password given on the command line, at once, on the FX thread (one
     * hash, before the first screen is chosen, so that the screen asked for can be shown).
     */
    void signIn(String who, char[] typed) {
        answered(desk.signIn(who, typed));
    }

    /** Checks off the FX thread (a hash takes tens of milliseconds), the next try held until the answer. */
    private void run(Callable<SignIn> check) {
        submit.setDisable(true);
        tasks.run(check, this::answered, error -> {
            submit.setDisable(false);
            setMessage(error.getMessage() == null ? error.toString() : error.getMessage(), true);
        });
    }

    private void answered(SignIn result) {
        password.clear();
        repeat.clear();
        switch (result) {
            case SignIn.Accepted accepted -> {
                submit.setDisable(false);
                name.clear();
                displayName.clear();
                signedIn.accept(accepted);
            }
            case SignIn.Refused refused -> {
                setMessage(refused.reason() + (refused.alert() ? ". Too many failures in a row: the alert is raised and recorded." : "")
                        + " Next try in " + Math.max(1, refused.nextTryIn().toSeconds()) + " s.", true);
                hold.setDuration(javafx.util.Duration.millis(Math.max(1, refused.nextTryIn().toMillis())));
                hold.playFromStart();
                password.requestFocus();
                if (refused.alert()) {
                    refusedAlert.accept(refused);
                }
            }
        }
    }

    private void setMessage(String text, boolean danger) {
        message.setText(text);
        message.getStyleClass().remove("danger");
        if (danger) {
            message.getStyleClass().add("danger");
        }
    }
}
