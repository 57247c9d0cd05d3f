-- One database per division instance, one for the joint subgraph, one for the guest-registration subgraph (DESIGN §6)
-- and one for the identity provider's accounts and sessions.
CREATE DATABASE ssj_division_za;
CREATE DATABASE ssj_division_wa;
CREATE DATABASE ssj_division_jd;
CREATE DATABASE ssj_division_jj;
CREATE DATABASE ssj_division_crj;
CREATE DATABASE ssj_joint;
CREATE DATABASE ssj_lodging;
CREATE DATABASE ssj_identity;
