package org.puente.memory;

import org.puente.config.PuenteProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The memory's beans that need configuration. */
@Configuration(proxyBeanMethods = false)
public class MemoryConfiguration {

    /** The segmenter of {@code puente.memory.segmentation-rules}; read when first needed. */
    @Bean
    @Lazy
    public Segmenter segmenter(PuenteProperties properties) {
        return new Segmenter(properties.getMemory().getSegmentationRules());
    }
}
