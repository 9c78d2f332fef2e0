package vigil.app.alert;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.FloatControl;
import vigil.storage.IncidentType;

/**
 * One sound per severity (assets: sounds/*.wav). On a machine without an audio device the console
 * stays silent and says so in its status, rather than failing.
 */
public final class AlertSounds {
    private static final Logger LOG = Logger.getLogger(AlertSounds.class.getName());

    /** A sound per severity of incident, and one for a camera that went dark. */
    public enum Sound {
        HAZARD("hazard.wav"), VIOLATION("violation.wav"), RESCUE("rescue.wav"), CAMERA_OFFLINE("camera.wav");

        private final String file;

        Sound(String file) {
            this.file = file;
        }

        /** An operator's report, heard at another desk, sounds as a hazard does. */
        static Sound of(IncidentType type) {
            return switch (type) {
                case HAZARD, OPERATOR -> HAZARD;
                case UNAUTH -> VIOLATION;
                case RESCUE -> RESCUE;
            };
        }
    }

    private final Map<Sound, Clip> clips = new EnumMap<>(Sound.class);
    private final String unavailable;
    private double volume = 0.8;
    private boolean muted;

    public AlertSounds() {
        String problem = null;
        for (Sound sound : Sound.values()) {
            String resource = "/vigil/assets/sounds/" + sound.file;
            try (InputStream in = AlertSounds.class.getResourceAsStream(resource);
                 AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(in))) {
                Clip clip = AudioSystem.getClip();
                clip.open(audio);
                clips.put(sound, clip);
            } catch (Exception | LinkageError e) {
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                LOG.log(Level.INFO, "alert sounds unavailable: " + problem);
                clips.values().forEach(Clip::close);
                clips.clear();
                break;
            }
        }
        this.unavailable = problem;
    }

    /** Why there is no sound, or null when there is. */
    public String unavailable() {
        return unavailable;
    }

    public void setVolume(double volume) {
        this.volume = Math.clamp(volume, 0, 1);
    }

    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    public boolean isMuted() {
        return muted;
    }

    public void play(IncidentType type) {
        play(Sound.of(type));
    }

    public void play(Sound sound) {
        Clip clip = clips.get(sound);
        if (clip == null || muted || volume == 0) {
            return;
        }
        if (clip.isControlSupported(FloatControl.Type.MASTER_GAIN)) {
            FloatControl gain = (FloatControl) clip.getControl(FloatControl.Type.MASTER_GAIN);
            float decibels = (float) (20 * Math.log10(Math.max(volume, 0.0001)));
            gain.setValue(Math.clamp(decibels, gain.getMinimum(), gain.getMaximum()));
        }
        clip.stop();
        clip.setFramePosition(0);
        clip.start();
    }

    public void close() {
        clips.values().forEach(Clip::close);
    }
}
