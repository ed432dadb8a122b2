package uk.ectmentor.contenttools;

/** Something the importer read but could not place, with where it stood. */
public record Warning(String file, int line, String problem) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + problem;
    }
}
