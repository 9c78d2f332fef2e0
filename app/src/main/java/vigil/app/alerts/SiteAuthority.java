package vigil.app.alerts;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts a site's own certificate authority, and it alone: a broker or receiver of the site's. */
final class SiteAuthority {
    private SiteAuthority() {
    }

    static TrustManagerFactory trustManagers(X509Certificate authority) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("site", authority);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot trust " + authority.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    static SSLContext context(X509Certificate authority) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(authority).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make TLS trusting " + authority.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }
}
