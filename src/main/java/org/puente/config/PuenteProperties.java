package org.puente.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.puente.extraction.ExtractionLimits;
import org.puente.memory.MemorySettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Everything a run is configured by, bound from {@code puente.*} in {@code pipeline/puente.yml}
 * (or any Spring Boot property source). Relative paths are resolved against the directory the
 * command runs in, which is the repository root when started through {@code ./puente}.
 */
@ConfigurationProperties("puente")
public class PuenteProperties {

    /** Working state nobody edits: embedded database, caches, index. Delete it to rebuild. */
    private Path workDir = Path.of(".puente");
    /** Where the document register (CSV, JSON) is written. */
    private Path inventoryDir = Path.of("inventory");
    /** The languages documents are expected in, as BCP 47 tags; anything else is 'other'. */
    private List<String> languages = new ArrayList<>(List.of("es", "en", "pt"));
    /** Documents processed side by side in the extraction step. */
    private int workers = 2;
    /**
     * Documents written to the database per transaction. A killed run redoes at most one chunk;
     * small chunks cost a synchronous commit each.
     */
    private int chunkSize = 50;
    private List<SourceDefinition> sources = new ArrayList<>();
    @NestedConfigurationProperty
    private ExtractionLimits extraction = new ExtractionLimits();
    @NestedConfigurationProperty
    private MemorySettings memory = new MemorySettings();

    public Path getWorkDir() { return workDir; }
    public void setWorkDir(Path workDir) { this.workDir = workDir; }
    public Path getInventoryDir() { return inventoryDir; }
    public void setInventoryDir(Path inventoryDir) { this.inventoryDir = inventoryDir; }
    public List<String> getLanguages() { return languages; }
    public void setLanguages(List<String> languages) { this.languages = languages; }
    public int getWorkers() { return workers; }
    public void setWorkers(int workers) { this.workers = workers; }
    public int getChunkSize() { return chunkSize; }
    public void setChunkSize(int chunkSize) { this.chunkSize = chunkSize; }
    public List<SourceDefinition> getSources() { return sources; }
    public void setSources(List<SourceDefinition> sources) { this.sources = sources; }
    public ExtractionLimits getExtraction() { return extraction; }
    public void setExtraction(ExtractionLimits extraction) { this.extraction = extraction; }
    public MemorySettings getMemory() { return memory; }
    public void setMemory(MemorySettings memory) { this.memory = memory; }

    /** Downloaded copies of web documents, by content. */
    public Path webCacheDir() {
        return workDir.resolve("cache").resolve("web");
    }
}
