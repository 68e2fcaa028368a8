package io.thriftstore.platform.stomp;

import io.thriftstore.platform.auth.CurrentUser;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

/** Lets {@code @MessageMapping} methods take {@code CurrentUser user}, like controllers do. */
public class StompCurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        return StompAuthentication.currentUser(SimpMessageHeaderAccessor.getUser(message.getHeaders()));
    }
}
