package org.footprint.conf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code whatif}: how the carbon-aware counterfactuals (carbon.counterfactuals: shift_*, pause_*,
 * avoidable_co2e_kg) are computed: which intensity series they shift against, and which jobs cannot wait.
 */
public class WhatifConf implements Serializable {
  /**
   * average: the series that priced the jobs (location-based, what the tables report); marginal: the
   * carbon.marginal series, since moving load changes the marginal plant's emissions, not the average mix.
   */
  public String signal = "average";
  /**
   * Job names (case-insensitive) of interactive sessions, which a person waits for: salloc with
   * LaunchParameters=use_interactive_step names its job "interactive"; srun --pty and salloc with a shell name
   * it after the shell.
   */
  public List<String> interactiveNames = new ArrayList<>(List.of("interactive", "bash", "sh", "zsh", "jupyter"));
  /** Partitions (or Kubernetes namespaces) whose jobs may not be deferred (interactive, debug, production). */
  public List<String> nonDeferrablePartitions = new ArrayList<>();
  /**
   * Slurm QoS names (sacct QOS) whose jobs may not be deferred: a site's interactive, debug or urgent QoS, which
   * promises a prompt start. Compared case-insensitively (Slurm stores QoS names in lower case).
   */
  public List<String> nonDeferrableQos = new ArrayList<>();

  static void validate(FootprintConf conf, WhatifConf w) {
    if (!Set.of("average", "marginal").contains(w.signal)) {
      throw new ConfException("whatif.signal: '" + w.signal + "' is not average or marginal");
    }
    if (w.interactiveNames == null || w.nonDeferrablePartitions == null || w.nonDeferrableQos == null) {
      throw new ConfException("whatif.interactive_names, whatif.non_deferrable_partitions and"
          + " whatif.non_deferrable_qos: lists (use [] for none)");
    }
    if ("marginal".equals(w.signal) && conf.carbon.marginal == null) {
      throw new ConfException("whatif.signal: marginal needs a marginal series (carbon.marginal.path)");
    }
  }
}
