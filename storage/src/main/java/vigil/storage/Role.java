package vigil.storage;

/** What an operator's account lets them do; each role can do all that the roles before it can. */
public enum Role {
    OPERATOR, SUPERVISOR, ADMIN;

    public boolean allows(Right right) {
        return compareTo(right.least()) >= 0;
    }

    /** As the console and the command line write it: "operator", "supervisor", "admin". */
    public String word() {
        return name().toLowerCase();
    }
}
