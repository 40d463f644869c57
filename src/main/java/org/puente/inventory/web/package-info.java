/**
 * Web document sources: a list of URLs ({@link org.puente.inventory.web.UrlListSource}), a
 * sitemap ({@link org.puente.inventory.web.SitemapSource}) and a bounded crawl of one website
 * ({@link org.puente.inventory.web.SiteCrawl}). All three download through one
 * {@link org.puente.inventory.web.WebFetcher}, which streams bodies into a content-addressed
 * cache directory, and respect robots.txt and a per-host delay through
 * {@link org.puente.inventory.web.Politeness}.
 */
package org.puente.inventory.web;
