package org.puente.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One place documents come from, as declared in {@code pipeline/puente.yml}: a local folder, a
 * list of URLs, a sitemap or a bounded crawl of one website. Fields that do not apply to the
 * type are ignored.
 */
public class SourceDefinition {

    public enum Type { FOLDER, URL_LIST, SITEMAP, CRAWL }

    /** Who holds the documents: the LAC section itself, a member association or a third party. */
    public enum Owner { SECTION, ASSOCIATION, THIRD_PARTY }

    private String name;
    private Type type = Type.FOLDER;
    private Owner owner = Owner.SECTION;
    /** Free text naming the owner, e.g. the association's name. */
    private String ownerName;
    private List<String> tags = new ArrayList<>();

    // FOLDER
    private Path path;
    private List<String> include = new ArrayList<>(List.of("**"));
    private List<String> exclude = new ArrayList<>();

    // URL_LIST: URLs inline and/or a file holding one URL a line (# comments allowed)
    private List<String> urls = new ArrayList<>();
    private Path urlFile;

    // SITEMAP and CRAWL: the sitemap URL, or the page the crawl starts from
    private String url;

    // web limits (URL_LIST, SITEMAP, CRAWL)
    private int maxDepth = 3;
    private int maxPages = 500;
    private long delayMillis = 1000;
    private int timeoutSeconds = 30;
    private long maxBytes = 50L * 1024 * 1024;
    private int maxRedirects = 5;
    private boolean respectRobots = true;
    private String userAgent = "PuenteBot/0.1 (+https://github.com/puente; IFLA LAC inventory)";

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Type getType() { return type; }
    public void setType(Type type) { this.type = type; }
    public Owner getOwner() { return owner; }
    public void setOwner(Owner owner) { this.owner = owner; }
    public String getOwnerName() { return ownerName; }
    public void setOwnerName(String ownerName) { this.ownerName = ownerName; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags; }
    public Path getPath() { return path; }
    public void setPath(Path path) { this.path = path; }
    public List<String> getInclude() { return include; }
    public void setInclude(List<String> include) { this.include = include; }
    public List<String> getExclude() { return exclude; }
    public void setExclude(List<String> exclude) { this.exclude = exclude; }
    public List<String> getUrls() { return urls; }
    public void setUrls(List<String> urls) { this.urls = urls; }
    public Path getUrlFile() { return urlFile; }
    public void setUrlFile(Path urlFile) { this.urlFile = urlFile; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public int getMaxDepth() { return maxDepth; }
    public void setMaxDepth(int maxDepth) { this.maxDepth = maxDepth; }
    public int getMaxPages() { return maxPages; }
    public void setMaxPages(int maxPages) { this.maxPages = maxPages; }
    public long getDelayMillis() { return delayMillis; }
    public void setDelayMillis(long delayMillis) { this.delayMillis = delayMillis; }
    public int getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(int timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; }
    public long getMaxBytes() { return maxBytes; }
    public void setMaxBytes(long maxBytes) { this.maxBytes = maxBytes; }
    public int getMaxRedirects() { return maxRedirects; }
    public void setMaxRedirects(int maxRedirects) { this.maxRedirects = maxRedirects; }
    public boolean isRespectRobots() { return respectRobots; }
    public void setRespectRobots(boolean respectRobots) { this.respectRobots = respectRobots; }
    public String getUserAgent() { return userAgent; }
    public void setUserAgent(String userAgent) { this.userAgent = userAgent; }

    /** The label written in the register: the owner's name if given, else its kind. */
    public String ownerLabel() {
        return ownerName == null || ownerName.isBlank() ? owner.name().toLowerCase().replace('_', '-') : ownerName;
    }

    @Override
    public String toString() {
        return type + " source '" + name + "'";
    }
}
