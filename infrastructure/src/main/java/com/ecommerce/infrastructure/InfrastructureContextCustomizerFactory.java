package com.ecommerce.infrastructure;

import java.util.EnumSet;
import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link WithInfrastructure} on a test class (directly, inherited, meta-annotated or on an
 * enclosing class of a {@code @Nested} test) into connection properties. Registered in
 * META-INF/spring.factories; does nothing for test classes without the annotation.
 */
public class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		WithInfrastructure annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithInfrastructure.class);
		if (annotation == null) {
			return null;
		}
		EnumSet<WithInfrastructure.Service> services = EnumSet.noneOf(WithInfrastructure.Service.class);
		services.addAll(List.of(annotation.value()));
		return new InfrastructureContextCustomizer(services, annotation.ownRedis());
	}
}
