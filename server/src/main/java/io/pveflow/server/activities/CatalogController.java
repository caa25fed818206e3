package io.pveflow.server.activities;

import java.util.Comparator;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.PveActivity;

/** {@code GET /api/catalog}: every activity as it describes itself, for the modeler's palette and forms. */
@RestController
class CatalogController {

    private final List<PveActivity> activities;

    CatalogController(List<PveActivity> activities) {
        this.activities = activities;
    }

    @GetMapping("/api/catalog")
    List<ActivityDescriptor> catalog() {
        return activities.stream().map(PveActivity::descriptor)
                .sorted(Comparator.comparing(ActivityDescriptor::group).thenComparing(ActivityDescriptor::label))
                .toList();
    }
}
