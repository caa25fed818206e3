package io.pveflow.server.processes;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.pveflow.server.deployments.DeploymentProblem;

/** A refused publish: the usual error body plus every problem, for the modeler to mark on the diagram. */
@RestControllerAdvice(assignableTypes = ProcessController.class)
class PublishRefusedHandler {

    record RefusedBody(Instant timestamp, int status, String error, String message, String path,
                       List<DeploymentProblem> problems) {
    }

    @ExceptionHandler(PublishRefusedException.class)
    ResponseEntity<RefusedBody> refused(PublishRefusedException e, HttpServletRequest request) {
        HttpStatus status = HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(new RefusedBody(Instant.now(), status.value(), status.getReasonPhrase(),
                e.getMessage(), request.getRequestURI(), e.problems()));
    }
}
